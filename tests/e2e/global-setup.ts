import { E2E_DATABASE_URL, E2E_OWNER_DATABASE_URL } from '../helpers/env';
import { prepareDatabase } from '../helpers/prepare-db';

// Playwright global setup: the e2e database gets the schema and demo data before the server starts.
export default () => prepareDatabase(E2E_DATABASE_URL, E2E_OWNER_DATABASE_URL);
