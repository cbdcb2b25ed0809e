/**
 * Concurrency over time from request intervals: how many requests (or VUs) were in
 * flight, per time bucket, as a peak and a time-weighted mean. A sweep over sorted
 * start/end events, O(n log n).
 */

export interface Interval {
  start: number;
  end: number;
}

export interface LevelBucket {
  /** Bucket start, epoch ms. */
  startMs: number;
  peak: number;
  mean: number;
}

/** Zero-length requests still occupied the server for an instant: count them for 1 ms. */
export function normaliseInterval(start: number, end: number): Interval {
  return { start, end: Math.max(end, start + 1) };
}

/** Overlapping intervals of one VU become one, so a VU is counted once however many requests it had open. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged;
}

/** Highest overlap of the intervals and the first instant it was reached. */
export function peakOverlap(intervals: readonly Interval[]): { peak: number; atMs: number | null } {
  const events = toEvents(intervals);
  let level = 0;
  let peak = 0;
  let atMs: number | null = null;
  for (const event of events) {
    level += event.delta;
    if (level > peak) {
      peak = level;
      atMs = event.time;
    }
  }
  return { peak, atMs };
}

/** Level of overlap per bucket of `bucketMs`, for buckets starting at `firstMs` up to `lastMs` (inclusive). */
export function levelsPerBucket(intervals: readonly Interval[], firstMs: number, lastMs: number, bucketMs: number): LevelBucket[] {
  const events = toEvents(intervals);
  const buckets: LevelBucket[] = [];
  let level = 0;
  let cursor = 0;
  // Events before the first bucket only set the starting level.
  while (cursor < events.length && events[cursor]!.time < firstMs) level += events[cursor++]!.delta;
  for (let startMs = firstMs; startMs <= lastMs; startMs += bucketMs) {
    const endMs = startMs + bucketMs;
    let peak = level;
    let area = 0;
    let lastTime = startMs;
    while (cursor < events.length && events[cursor]!.time < endMs) {
      const event = events[cursor++]!;
      area += level * (event.time - lastTime);
      lastTime = event.time;
      level += event.delta;
      if (level > peak) peak = level;
    }
    area += level * (endMs - lastTime);
    buckets.push({ startMs, peak, mean: Math.round((area / bucketMs) * 100) / 100 });
  }
  return buckets;
}

interface SweepEvent {
  time: number;
  delta: 1 | -1;
}

function toEvents(intervals: readonly Interval[]): SweepEvent[] {
  const events: SweepEvent[] = [];
  for (const { start, end } of intervals) {
    events.push({ time: start, delta: 1 }, { time: end, delta: -1 });
  }
  // At equal times an end goes first: a request that returns as the next one is sent
  // is not concurrent with it.
  return events.sort((a, b) => a.time - b.time || a.delta - b.delta);
}
