import { type N8nMapping, record } from '../mapping.ts';

/**
 * n8n's Read/Write Files from Disk v1, and the legacy Read Binary File(s) and
 * Write Binary File nodes it replaced. Paths are kept as they were: on
 * GuixuFlow they are resolved inside the files directory (GUIXU_FILES_DIR), so
 * an absolute path from another machine fails with a clear error until changed.
 */
const mapping: N8nMapping = {
  n8nTypes: [
    'n8n-nodes-base.readWriteFile',
    'n8n-nodes-base.readBinaryFile',
    'n8n-nodes-base.readBinaryFiles',
    'n8n-nodes-base.writeBinaryFile',
  ],
  guixuType: 'guixu.readWriteFile',
  export: { type: 'n8n-nodes-base.readWriteFile', typeVersion: 1 },
  translate: (node, ctx) => {
    const p = node.parameters;
    const property = typeof p.dataPropertyName === 'string' ? p.dataPropertyName : undefined;
    const absolute = (path: unknown) => typeof path === 'string' && /^=?\//.test(path);
    const warnPath = (path: unknown) => {
      if (absolute(path)) {
        ctx.warn(
          'The file path is absolute: on GuixuFlow it must lie inside the files directory (GUIXU_FILES_DIR); use a path relative to it.',
        );
      }
    };
    switch (node.type) {
      case 'n8n-nodes-base.readBinaryFile':
        warnPath(p.filePath);
        return {
          parameters: {
            operation: 'read',
            fileSelector: p.filePath ?? '',
            options: property ? { dataPropertyName: property } : {},
          },
        };
      case 'n8n-nodes-base.readBinaryFiles':
        warnPath(p.fileSelector);
        return {
          parameters: {
            operation: 'read',
            fileSelector: p.fileSelector ?? '',
            options: property ? { dataPropertyName: property } : {},
          },
        };
      case 'n8n-nodes-base.writeBinaryFile': {
        warnPath(p.fileName);
        const append = record(p.options).append;
        return {
          parameters: {
            operation: 'write',
            fileName: p.fileName ?? '',
            dataPropertyName: property ?? 'data',
            options: append === undefined ? {} : { append },
          },
        };
      }
      default:
        warnPath(p.operation === 'write' ? p.fileName : p.fileSelector);
        return { parameters: { ...p } };
    }
  },
};
export default mapping;
