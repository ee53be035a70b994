import product from '../../../package.json' with { type: 'json' };

/** The GuixuFlow release (the repository's package.json), for the OpenAPI document and backups. */
export const SERVER_VERSION: string = product.version;
