import { join } from 'node:path';

/** Small n8n and Dify files written for this repository (see fixtures/README.md); the default suite uses them. */
export const LOCAL_FIXTURES = join(import.meta.dirname, 'fixtures');
