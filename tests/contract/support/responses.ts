/**
 * Assertions on the shapes every route shares: a JSON body with a given status, the
 * `{"error": …}` body, and Flask's HTML 400 page for a missing or non-JSON body.
 */
import type { APIResponse } from '@playwright/test';
import { expect } from '../../../fixtures/target-fixture.ts';

async function summary(res: APIResponse): Promise<string> {
  return `${res.url()} answered ${res.status()} ${(await res.text()).slice(0, 300)}`;
}

/** Status and JSON content type; returns the parsed body. */
export async function expectJson<T = unknown>(res: APIResponse, status: number): Promise<T> {
  expect(res.status(), await summary(res)).toBe(status);
  expect(res.headers()['content-type'] ?? '', await summary(res)).toContain('application/json');
  return (await res.json()) as T;
}

/** Exactly `{"error": text}` with `status`. */
export async function expectError(res: APIResponse, status: number, text: string): Promise<void> {
  expect(await expectJson(res, status)).toEqual({ error: text });
}

/** Flask's 400 page: HTML, not JSON, for a body that is missing or does not parse. */
export async function expectBadRequestPage(res: APIResponse): Promise<void> {
  expect(res.status(), await summary(res)).toBe(400);
  expect(res.headers()['content-type'] ?? '').toContain('text/html');
  expect(await res.text()).toContain('<title>400 Bad Request</title>');
}
