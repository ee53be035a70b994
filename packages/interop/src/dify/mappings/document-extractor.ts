import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('document-extractor', AI_NOT_YET);
