import { sameShape } from '../mapping.ts';

/** n8n's Markdown v1: the same parameters; options GuixuFlow's converters lack are ignored. */
export default sameShape('markdown', 'guixu.markdown', 1);
