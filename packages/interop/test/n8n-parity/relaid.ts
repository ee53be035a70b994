/**
 * Nodes whose translation lays their outputs out differently from n8n (Switch v1's
 * four fixed outputs become one output per rule plus the fallback): the parity and
 * oracle tests leave their own outputs out, and the nodes behind each output check
 * the routing.
 */
export const RELAID_OUTPUTS: Record<string, string[]> = {
  'workflows__switch-versions.json': ['Switch v1'],
};
