import { TEST_DATABASE_URL, TEST_OWNER_DATABASE_URL } from './env';
import { prepareDatabase } from './prepare-db';

// Vitest global setup: the test database gets the schema and the demo data once per run.
export default () => prepareDatabase(TEST_DATABASE_URL, TEST_OWNER_DATABASE_URL);
