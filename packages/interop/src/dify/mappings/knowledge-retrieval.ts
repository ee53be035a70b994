import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('knowledge-retrieval', AI_NOT_YET);
