/**
 * Prices the price table starts with: public list prices per million tokens (late
 * 2025), for the common models. They are rows like any other: edit or delete them
 * to match your contract. Chinese services are priced in CNY, as they bill.
 */
export interface DefaultPrice {
  provider: string;
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  currency: string;
}

const usd = (provider: string, model: string, input: number, output: number): DefaultPrice => ({
  provider,
  model,
  inputPerMillion: input,
  outputPerMillion: output,
  currency: 'USD',
});
const cny = (provider: string, model: string, input: number, output: number): DefaultPrice => ({
  ...usd(provider, model, input, output),
  currency: 'CNY',
});

export const DEFAULT_PRICES: readonly DefaultPrice[] = [
  usd('openai', 'gpt-4o', 2.5, 10),
  usd('openai', 'gpt-4o-mini', 0.15, 0.6),
  usd('openai', 'gpt-4.1', 2, 8),
  usd('openai', 'gpt-4.1-mini', 0.4, 1.6),
  usd('openai', 'gpt-4.1-nano', 0.1, 0.4),
  usd('openai', 'o3-mini', 1.1, 4.4),
  usd('openai', 'o4-mini', 1.1, 4.4),
  usd('openai', 'text-embedding-3-small', 0.02, 0),
  usd('openai', 'text-embedding-3-large', 0.13, 0),
  usd('anthropic', 'claude-3-5-haiku-latest', 0.8, 4),
  usd('anthropic', 'claude-sonnet-4-5', 3, 15),
  usd('anthropic', 'claude-sonnet-4-20250514', 3, 15),
  usd('anthropic', 'claude-opus-4-1', 15, 75),
  cny('deepseek', 'deepseek-chat', 2, 3),
  cny('deepseek', 'deepseek-reasoner', 2, 3),
  cny('dashscope', 'qwen-turbo', 0.3, 0.6),
  cny('dashscope', 'qwen-plus', 0.8, 2),
  cny('dashscope', 'qwen-max', 2.4, 9.6),
  cny('moonshot', 'kimi-k2-0905-preview', 4, 16),
  cny('zhipu', 'glm-4-flash', 0, 0),
  cny('zhipu', 'glm-4-plus', 5, 5),
];
