import { cells, type MatrixCase } from './isolation-matrix.ts';

// The console's own routes (see security-cases.ts for the personas).
const readInA = cells('allow', { bEditor: 404, anonymous: 401 });
const instanceAdmins = cells(403, { owner: 'allow', admin: 'allow', anonymous: 401 });

/** The route × role matrix for the overview and the instance settings. */
export const CONSOLE_CASES: MatrixCase[] = [
  {
    route: 'GET /api/v1/overview',
    url: (w) => `/api/v1/overview?projectId=${w.projectA}`,
    expect: readInA,
  },
  { route: 'GET /api/v1/settings/instance', url: () => '/api/v1/settings/instance', expect: instanceAdmins },
  {
    route: 'PUT /api/v1/settings/instance/retention',
    url: () => '/api/v1/settings/instance/retention',
    // The defaults, so the matrix app keeps pruning as configured.
    payload: () => ({ maxAgeDays: 14, maxCount: 10_000 }),
    expect: cells(403, { owner: 'allow', anonymous: 401 }),
  },
];
