import { type DifyContext, type DifyMapping, isRecord, text } from '../dify-mapping.ts';

/** A Dify tool parameter's value (`{ type: 'mixed' | 'constant' | 'variable', value }`), as GuixuFlow text. */
function toolParameter(node: Record<string, unknown>, name: string, ctx: DifyContext): string {
  const parameters = isRecord(node.tool_parameters) ? node.tool_parameters : {};
  const entry = parameters[name];
  const value = isRecord(entry) ? entry.value : entry;
  if (isRecord(entry) && entry.type === 'variable') return `={{ ${ctx.read(value)} }}`;
  return ctx.template(text(value));
}

/**
 * Dify's built-in tools that have a GuixuFlow equivalent: current time (Date & Time)
 * and Jina Reader (an HTTP request to r.jina.ai). Every other tool stays a
 * placeholder naming the tool: plugins and API tools call services GuixuFlow does
 * not know.
 */
const mapping: DifyMapping = {
  difyTypes: ['tool'],
  translate(node, ctx) {
    const provider = text(node.data.provider_id ?? node.data.provider_name);
    const tool = text(node.data.tool_name);
    const short = provider.split('/').pop() ?? provider;
    if (short === 'time' && tool === 'current_time') {
      const config = isRecord(node.data.tool_configurations) ? node.data.tool_configurations : {};
      const zone = text(config.timezone);
      return {
        type: 'guixu.dateTime',
        parameters: {
          operation: 'getCurrentDate',
          includeTime: true,
          outputFieldName: 'text',
          options: zone ? { timezone: zone } : {},
        },
      };
    }
    if (short === 'jina' && tool === 'jina_reader') {
      ctx.warn(
        'Jina Reader is called without an API key; add an Authorization header for higher rate limits',
      );
      return {
        type: 'guixu.httpRequest',
        parameters: {
          method: 'GET',
          url: `=https://r.jina.ai/${toolParameter(node.data, 'url', ctx).replace(/^=/, '')}`,
          options: { response: { response: { responseFormat: 'text', outputPropertyName: 'text' } } },
        },
      };
    }
    return {
      unsupported: `Dify tool "${provider}/${tool}" (${text(node.data.provider_type, 'builtin')}) has no GuixuFlow equivalent; rebuild it with an HTTP Request or Code node`,
    };
  },
};

export default mapping;
