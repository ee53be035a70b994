import { type N8nMapping, record } from '../mapping.ts';

/**
 * n8n's HTML v1–v1.2 and the legacy HTML Extract node. n8n resolves `{{ }}` in
 * the template without the `=` marker, so a template with expressions gets one.
 * HTML Extract (and HTML v1) did not clean up text; HTML Extract trims values unless told not
 * to (n8n 2.8.4, recorded in test/n8n-parity/workflows/legacy-data-nodes.json).
 */
const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.html', 'n8n-nodes-base.htmlExtract'],
  guixuType: 'guixu.html',
  export: { type: 'n8n-nodes-base.html', typeVersion: 1.2 },
  translate: (node) => {
    const parameters = { ...node.parameters };
    const options = { ...record(parameters.options) };
    if (node.type === 'n8n-nodes-base.htmlExtract') {
      options.trimValues ??= true;
      options.cleanUpText ??= false;
      return { parameters: { ...parameters, operation: 'extractHtmlContent', options } };
    }
    const operation = parameters.operation ?? 'generateHtmlTemplate';
    if (operation === 'generateHtmlTemplate' && typeof parameters.html === 'string') {
      const html = parameters.html;
      if (!html.startsWith('=') && html.includes('{{')) parameters.html = `=${html}`;
    }
    if (operation === 'extractHtmlContent' && node.typeVersion < 1.1) options.cleanUpText ??= false;
    return { parameters: { ...parameters, options } };
  },
};
export default mapping;
