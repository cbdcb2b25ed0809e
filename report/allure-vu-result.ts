/**
 * One Allure result per virtual user, written beside allure-playwright's results when
 * several VUs share a Playwright test (a lane): each VU keeps its own entry in the report,
 * with its status, failure message, steps and evidence, grouped by scenario (epic) and VU
 * (story) like a VU that had a test to itself. The file format is Allure's results format
 * (`<uuid>-result.json`, attachments as `<uuid>-attachment.<ext>` beside it).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface VuStepRecord {
  name: string;
  start: number;
  stop: number;
  status: 'passed' | 'failed';
  message?: string;
}

export interface VuAttachment {
  name: string;
  contentType: 'application/json' | 'application/x-ndjson' | 'text/plain';
  body: string;
}

export interface VuAllureResult {
  /** The VU's own title, e.g. `writer w03 (stage 2 at 30s) adds 37 cards …`. */
  name: string;
  /** Playwright project (scenario). */
  project: string;
  /** Spec file name, e.g. `writers.spec.ts`. */
  file: string;
  vu: string;
  scenario: string;
  tags: readonly string[];
  status: 'passed' | 'failed';
  message?: string;
  start: number;
  stop: number;
  steps: readonly VuStepRecord[];
  attachments: readonly VuAttachment[];
  /** The lane test the VU ran in, for the reader who opens the Playwright report. */
  laneTitle: string;
}

const EXTENSIONS: Record<VuAttachment['contentType'], string> = { 'application/json': 'json', 'application/x-ndjson': 'jsonl', 'text/plain': 'txt' };
const md5 = (text: string): string => crypto.createHash('md5').update(text).digest('hex');

/** Writes the result and its attachments into `resultsDir`; returns the result file. */
export function writeVuAllureResult(resultsDir: string, r: VuAllureResult): string {
  fs.mkdirSync(resultsDir, { recursive: true });
  const uuid = crypto.randomUUID();
  const attachments = r.attachments.map((a) => {
    const source = `${crypto.randomUUID()}-attachment.${EXTENSIONS[a.contentType]}`;
    fs.writeFileSync(path.join(resultsDir, source), a.body);
    return { name: a.name, source, type: a.contentType };
  });
  const fullName = `${r.file} › ${r.name}`;
  const result = {
    uuid,
    name: r.name,
    fullName,
    historyId: md5(`${r.project}:${fullName}`),
    testCaseId: md5(fullName),
    status: r.status,
    statusDetails: r.message ? { message: r.message } : {},
    stage: 'finished',
    start: r.start,
    stop: r.stop,
    labels: [
      { name: 'language', value: 'javascript' },
      { name: 'framework', value: 'playwright' },
      { name: 'parentSuite', value: r.project },
      { name: 'suite', value: r.file },
      { name: 'epic', value: r.scenario },
      { name: 'story', value: r.vu },
      { name: 'vu', value: r.vu },
      ...r.tags.map((t) => ({ name: 'tag', value: t.replace(/^@/, '') })),
    ],
    parameters: [
      { name: 'Project', value: r.project },
      { name: 'Lane', value: r.laneTitle },
    ],
    links: [],
    steps: r.steps.map((s) => ({
      name: s.name,
      status: s.status,
      statusDetails: s.message ? { message: s.message } : {},
      stage: 'finished',
      start: s.start,
      stop: s.stop,
      steps: [],
      attachments: [],
      parameters: [],
    })),
    attachments,
  };
  const file = path.join(resultsDir, `${uuid}-result.json`);
  fs.writeFileSync(file, `${JSON.stringify(result)}\n`);
  return file;
}
