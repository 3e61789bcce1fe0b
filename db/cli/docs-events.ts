// npm run docs:events – writes the event table of docs/realtime-protocol.md from the event catalogue.
import { readFileSync, writeFileSync } from 'node:fs';
import { withEventTable } from '../../lib/events/event-table';

const file = 'docs/realtime-protocol.md';
writeFileSync(file, withEventTable(readFileSync(file, 'utf8')));
console.log(`${file}: event table written from lib/events/catalogue.ts`);
