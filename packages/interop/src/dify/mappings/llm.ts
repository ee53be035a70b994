import { AI_NOT_YET, notYet } from '../dify-mapping.ts';

export default notYet('llm', AI_NOT_YET);
