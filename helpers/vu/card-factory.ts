/**
 * Cards a writer adds: plan-style questions per topic, each carrying its marker.
 */
// The English locale alone: the whole package costs each worker about 0.4 CPU-s to load.
import { faker } from '@faker-js/faker/locale/en';
import { buildCard, TOPICS, type MarkedCard } from '../history/markers.ts';

export function nextCard(username: string, seq: number, rand: () => number, now = Date.now()): MarkedCard {
  const topic = TOPICS[Math.floor(rand() * TOPICS.length)] ?? 'History';
  const question = `${faker.lorem.sentence({ min: 3, max: 8 }).replace(/\.$/, '')}?`;
  const answer = faker.lorem.sentence({ min: 2, max: 6 });
  return buildCard({ username, seq: String(seq), timeMs: now, topic }, question, answer);
}
