import { type DifyMapping, isRecord, text } from '../dify-mapping.ts';

/**
 * Knowledge Retrieval → Vector Store searching a GuixuFlow knowledge base (embedded
 * with the base's own model), one item with `result` as Dify gives it and `text`, the
 * passages with their sources; Dify's `{{#node.result#}}` reads `text` (templates put
 * it into prompts; an array would render as [object Object]). Dify's dataset
 * id is kept as the knowledge base id: create the knowledge base in GuixuFlow, upload
 * the documents and put its id there. Top K and the score threshold carry over;
 * reranking and keyword weights do not.
 */
const mapping: DifyMapping = {
  difyTypes: ['knowledge-retrieval'],
  translate(node, ctx) {
    const datasets = Array.isArray(node.data.dataset_ids) ? node.data.dataset_ids.map((d) => text(d)) : [];
    if (datasets.length === 0) return { unsupported: 'the knowledge retrieval node names no dataset' };
    if (datasets.length > 1) {
      ctx.warn(
        `Dify searched ${datasets.length} datasets; GuixuFlow searches one knowledge base (the first)`,
      );
    }
    ctx.warn(
      `Dify dataset "${datasets[0]}" is not imported: create a knowledge base, upload its documents and set its id on this node`,
    );
    const multiple = isRecord(node.data.multiple_retrieval_config) ? node.data.multiple_retrieval_config : {};
    if (multiple.reranking_enable === true)
      ctx.warn('Dify reranking is not carried over: hits are ranked by similarity');
    const topK = typeof multiple.top_k === 'number' ? multiple.top_k : 4;
    const threshold = typeof multiple.score_threshold === 'number' ? multiple.score_threshold : undefined;
    return {
      type: 'guixu.vectorStoreSqlite',
      parameters: {
        mode: 'load',
        source: 'knowledgeBase',
        knowledgeBaseId: datasets[0],
        prompt: `={{ ${ctx.read(node.data.query_variable_selector)} }}`,
        topK,
        ...(threshold === undefined ? {} : { minScore: threshold }),
        output: 'oneItem',
      },
    };
  },
  outputField: (variable) => (variable === 'result' ? 'text' : variable),
};

export default mapping;
