import type { Case } from './mapping-cases.ts';

/** n8n's LangChain nodes. */
export const aiCases: Case[] = [
  {
    mapping: 'langchain-agent',
    title: 'AI Agent v1.7 with a defined prompt, system message and max iterations',
    before: {
      type: '@n8n/n8n-nodes-langchain.agent',
      typeVersion: 1.7,
      parameters: {
        promptType: 'define',
        text: '={{ $json.q }}',
        options: { systemMessage: 'Be brief.', maxIterations: 4 },
      },
    },
    after: {
      type: 'guixu.agent',
      parameters: {
        prompt: '={{ $json.q }}',
        hasOutputParser: false,
        systemMessage: 'Be brief.',
        maxIterations: 4,
      },
    },
  },
  {
    mapping: 'langchain-agent',
    title: 'AI Agent with "Require Specific Output Format": the connected parser applies',
    before: {
      type: '@n8n/n8n-nodes-langchain.agent',
      typeVersion: 1.7,
      parameters: { promptType: 'auto', hasOutputParser: true, options: {} },
    },
    after: {
      type: 'guixu.agent',
      parameters: { prompt: '={{ $json.chatInput }}', hasOutputParser: true },
    },
  },
  {
    mapping: 'langchain-chain-llm',
    title: 'Basic LLM Chain with the chat input and a system message',
    before: {
      type: '@n8n/n8n-nodes-langchain.chainLlm',
      typeVersion: 1.5,
      parameters: {
        messages: { messageValues: [{ type: 'SystemMessagePromptTemplate', message: 'Translate.' }] },
      },
    },
    after: {
      type: 'guixu.chainLlm',
      parameters: { prompt: '={{ $json.chatInput }}', hasOutputParser: false, systemMessage: 'Translate.' },
    },
  },
  {
    mapping: 'langchain-chain-llm',
    title: 'Basic LLM Chain v1.5 with an output parser required',
    before: {
      type: '@n8n/n8n-nodes-langchain.chainLlm',
      typeVersion: 1.5,
      parameters: { promptType: 'define', text: '=Extract: {{ $json.body }}', hasOutputParser: true },
    },
    after: {
      type: 'guixu.chainLlm',
      parameters: { prompt: '=Extract: {{ $json.body }}', hasOutputParser: true },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai',
    title: 'OpenAI Chat Model with a resource-locator model and options',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
      typeVersion: 1.2,
      parameters: {
        model: { __rl: true, value: 'gpt-4o-mini', mode: 'list' },
        options: { temperature: 0.2, maxTokens: 500 },
      },
    },
    after: {
      type: 'guixu.lmChatOpenAi',
      parameters: { model: 'gpt-4o-mini', options: { temperature: 0.2, maxTokens: 500 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-anthropic',
    title: 'Anthropic Chat Model: maxTokensToSample becomes maxTokens',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatAnthropic',
      typeVersion: 1.3,
      parameters: { model: 'claude-3-5-haiku-20241022', options: { maxTokensToSample: 800 } },
    },
    after: {
      type: 'guixu.lmChatAnthropic',
      parameters: { model: 'claude-3-5-haiku-20241022', options: { maxTokens: 800 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'Google Gemini Chat Model: models/ prefix dropped, maxOutputTokens becomes maxTokens',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatGoogleGemini',
      typeVersion: 1,
      parameters: {
        modelName: 'models/gemini-2.0-flash',
        options: { temperature: 0.3, maxOutputTokens: 2048, topP: 0.9 },
      },
    },
    after: {
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'gemini-2.0-flash', options: { temperature: 0.3, maxTokens: 2048, topP: 0.9 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'Groq Chat Model: maxTokensToSample becomes maxTokens',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatGroq',
      typeVersion: 1,
      parameters: { model: 'llama-3.3-70b-versatile', options: { temperature: 0.1, maxTokensToSample: 512 } },
    },
    after: {
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'llama-3.3-70b-versatile', options: { temperature: 0.1, maxTokens: 512 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'OpenRouter Chat Model: n8n\'s "no limit" maxTokens -1 is left out',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatOpenRouter',
      typeVersion: 1,
      parameters: { model: 'openai/gpt-4o', options: { maxTokens: -1, topP: 0.5, timeout: 30000 } },
    },
    after: {
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'openai/gpt-4o', options: { topP: 0.5, timeout: 30000 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: "Mistral Cloud Chat Model without a model: n8n's default",
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatMistralCloud',
      typeVersion: 1,
      parameters: { options: {} },
    },
    after: { type: 'guixu.lmChatOpenAiCompatible', parameters: { model: 'mistral-small', options: {} } },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'Ollama Chat Model: numPredict becomes maxTokens',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatOllama',
      typeVersion: 1,
      parameters: { model: 'qwen2.5:7b', options: { numPredict: 300, temperature: 0 } },
    },
    after: {
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'qwen2.5:7b', options: { maxTokens: 300, temperature: 0 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'xAI Grok Chat Model',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatXAiGrok',
      typeVersion: 1,
      parameters: { model: 'grok-3', options: { temperature: 0.5, maxRetries: 1 } },
    },
    after: {
      type: 'guixu.lmChatOpenAiCompatible',
      parameters: { model: 'grok-3', options: { temperature: 0.5, maxRetries: 1 } },
    },
  },
  {
    mapping: 'langchain-lm-chat-open-ai-compatible',
    title: 'DeepSeek Chat Model',
    before: {
      type: '@n8n/n8n-nodes-langchain.lmChatDeepSeek',
      typeVersion: 1,
      parameters: { model: 'deepseek-reasoner', options: {} },
    },
    after: { type: 'guixu.lmChatOpenAiCompatible', parameters: { model: 'deepseek-reasoner', options: {} } },
  },
  {
    mapping: 'langchain-memory-buffer-window',
    title: 'Window Buffer Memory with a custom session key',
    before: {
      type: '@n8n/n8n-nodes-langchain.memoryBufferWindow',
      typeVersion: 1.3,
      parameters: { sessionIdType: 'customKey', sessionKey: '={{ $json.user }}', contextWindowLength: 8 },
    },
    after: {
      type: 'guixu.memoryBufferWindow',
      parameters: { sessionId: '={{ $json.user }}', contextWindowLength: 8 },
    },
  },
  {
    mapping: 'langchain-tool-calculator',
    title: 'Calculator tool',
    before: { type: '@n8n/n8n-nodes-langchain.toolCalculator', typeVersion: 1, parameters: {} },
    after: { type: 'guixu.toolCalculator', parameters: {} },
  },
  {
    mapping: 'langchain-chat-trigger',
    title: 'Chat Trigger, public with initial messages',
    before: {
      type: '@n8n/n8n-nodes-langchain.chatTrigger',
      typeVersion: 1.1,
      parameters: { public: true, initialMessages: 'Hi!' },
    },
    after: { type: 'guixu.chatTrigger', parameters: { public: true, initialMessages: 'Hi!' } },
  },
  {
    mapping: 'node-tool-variants',
    title: 'HTTP Request Tool → Node Tool running HTTP Request, $fromAI kept',
    before: {
      type: 'n8n-nodes-base.httpRequestTool',
      typeVersion: 4.2,
      parameters: {
        toolDescription: 'Looks up the weather',
        url: "=https://weather.test/{{ $fromAI('city', 'The city', 'string') }}",
        options: {},
      },
    },
    after: {
      type: 'guixu.toolNode',
      parameters: {
        description: 'Looks up the weather',
        nodeType: 'guixu.httpRequest',
        nodeParameters: {
          url: "=https://weather.test/{{ $fromAI('city', 'The city', 'string') }}",
          options: {},
        },
        typeVersion: 1,
      },
    },
  },
  {
    mapping: 'langchain-output-parser-structured',
    title: 'Structured Output Parser v1.2 from a JSON example',
    before: {
      type: '@n8n/n8n-nodes-langchain.outputParserStructured',
      typeVersion: 1.2,
      parameters: { jsonSchemaExample: '{"subject": "", "body": ""}' },
    },
    after: {
      type: 'guixu.outputParserStructured',
      parameters: { schemaType: 'fromJson', jsonSchemaExample: '{"subject": "", "body": ""}' },
    },
  },
  {
    mapping: 'langchain-output-parser-structured',
    title: 'Structured Output Parser v1 with a JSON Schema',
    before: {
      type: '@n8n/n8n-nodes-langchain.outputParserStructured',
      typeVersion: 1,
      parameters: { jsonSchema: '{"type": "object"}' },
    },
    after: {
      type: 'guixu.outputParserStructured',
      parameters: { schemaType: 'manual', inputSchema: '{"type": "object"}' },
    },
  },
  {
    mapping: 'langchain-output-parser-item-list',
    title: 'Item List Output Parser with a number of items',
    before: {
      type: '@n8n/n8n-nodes-langchain.outputParserItemList',
      typeVersion: 1,
      parameters: { options: { numberOfItems: 10 } },
    },
    after: { type: 'guixu.outputParserItemList', parameters: { options: { numberOfItems: 10 } } },
  },
  {
    mapping: 'langchain-output-parser-autofixing',
    title: 'Auto-fixing Output Parser with default options',
    before: {
      type: '@n8n/n8n-nodes-langchain.outputParserAutofixing',
      typeVersion: 1,
      parameters: { options: {} },
    },
    after: { type: 'guixu.outputParserAutofixing', parameters: { options: {} } },
  },
  {
    mapping: 'langchain-document-default-data-loader',
    title: 'Default Data Loader: expression data with metadata',
    before: {
      type: '@n8n/n8n-nodes-langchain.documentDefaultDataLoader',
      typeVersion: 1,
      parameters: {
        jsonMode: 'expressionData',
        jsonData: '={{ $json.content }}',
        options: { metadata: { metadataValues: [{ name: '=title', value: '={{ $json.title }}' }] } },
      },
    },
    after: {
      type: 'guixu.documentDefaultDataLoader',
      parameters: {
        dataType: 'json',
        text: '={{ $json.content }}',
        metadata: [{ name: 'title', value: '={{ $json.title }}' }],
      },
    },
  },
  {
    mapping: 'langchain-document-default-data-loader',
    title: 'Default Data Loader: one binary field',
    before: {
      type: '@n8n/n8n-nodes-langchain.documentDefaultDataLoader',
      typeVersion: 1,
      parameters: { dataType: 'binary', binaryMode: 'specificField', binaryDataKey: 'file', options: {} },
    },
    after: {
      type: 'guixu.documentDefaultDataLoader',
      parameters: { dataType: 'binary', binaryProperty: 'file' },
    },
  },
  {
    mapping: 'langchain-text-splitter-recursive-character',
    title: 'Recursive Character Text Splitter: n8n default overlap 0',
    before: {
      type: '@n8n/n8n-nodes-langchain.textSplitterRecursiveCharacterTextSplitter',
      typeVersion: 1,
      parameters: { chunkSize: 2000, options: {} },
    },
    after: { type: 'guixu.textSplitterRecursiveCharacter', parameters: { chunkSize: 2000, chunkOverlap: 0 } },
  },
  {
    mapping: 'langchain-text-splitter-token',
    title: 'Token Splitter counts with cl100k_base',
    before: {
      type: '@n8n/n8n-nodes-langchain.textSplitterTokenSplitter',
      typeVersion: 1,
      parameters: { chunkSize: 450, chunkOverlap: 50 },
    },
    after: {
      type: 'guixu.textSplitterTokenSplitter',
      parameters: { chunkSize: 450, chunkOverlap: 50, encoding: 'cl100k_base' },
    },
  },
  {
    mapping: 'langchain-sentiment-analysis',
    title: 'Sentiment Analysis with its text and categories',
    before: {
      type: '@n8n/n8n-nodes-langchain.sentimentAnalysis',
      typeVersion: 1,
      parameters: { inputText: '={{ $json.review }}', options: { categories: 'Good, Bad' } },
    },
    after: {
      type: 'guixu.sentimentAnalysis',
      parameters: { inputText: '={{ $json.review }}', options: { categories: 'Good, Bad' } },
    },
  },
  {
    mapping: 'langchain-embeddings-open-ai',
    title: 'Embeddings OpenAI: n8n default model',
    before: {
      type: '@n8n/n8n-nodes-langchain.embeddingsOpenAi',
      typeVersion: 1,
      parameters: { options: {} },
    },
    after: { type: 'guixu.embeddingsOpenAi', parameters: { model: 'text-embedding-ada-002', options: {} } },
  },
  {
    mapping: 'langchain-embeddings-open-ai-compatible',
    title: 'Embeddings Google Gemini: models/ prefix dropped',
    before: {
      type: '@n8n/n8n-nodes-langchain.embeddingsGoogleGemini',
      typeVersion: 1,
      parameters: { modelName: 'models/text-embedding-004' },
    },
    after: {
      type: 'guixu.embeddingsOpenAiCompatible',
      parameters: { model: 'text-embedding-004', options: {} },
    },
  },
  {
    mapping: 'langchain-embeddings-open-ai-compatible',
    title: 'Embeddings Mistral Cloud: n8n default model and batch size',
    before: {
      type: '@n8n/n8n-nodes-langchain.embeddingsMistralCloud',
      typeVersion: 1,
      parameters: { options: { batchSize: 256 } },
    },
    after: {
      type: 'guixu.embeddingsOpenAiCompatible',
      parameters: { model: 'mistral-embed', options: { batchSize: 256 } },
    },
  },
  {
    mapping: 'langchain-embeddings-open-ai-compatible',
    title: 'Embeddings Ollama',
    before: {
      type: '@n8n/n8n-nodes-langchain.embeddingsOllama',
      typeVersion: 1,
      parameters: { model: 'nomic-embed-text:latest' },
    },
    after: {
      type: 'guixu.embeddingsOpenAiCompatible',
      parameters: { model: 'nomic-embed-text:latest', options: {} },
    },
  },
  {
    mapping: 'langchain-vector-stores',
    title: 'In-Memory Vector Store as an agent tool: the memory key names the collection',
    before: {
      type: '@n8n/n8n-nodes-langchain.vectorStoreInMemory',
      typeVersion: 1.3,
      parameters: {
        mode: 'retrieve-as-tool',
        toolName: 'docs',
        toolDescription: 'Searches the docs',
        memoryKey: { __rl: true, value: 'vector_store_key', mode: 'list' },
        topK: 10,
      },
    },
    after: {
      type: 'guixu.vectorStoreSqlite',
      parameters: {
        mode: 'retrieveAsTool',
        toolName: 'docs',
        toolDescription: 'Searches the docs',
        topK: 10,
        collection: 'vector_store_key',
      },
    },
  },
  {
    mapping: 'langchain-vector-stores',
    title: 'Qdrant insert becomes the embedded store (collection kept)',
    before: {
      type: '@n8n/n8n-nodes-langchain.vectorStoreQdrant',
      typeVersion: 1,
      parameters: {
        mode: 'insert',
        options: {},
        qdrantCollection: { __rl: true, mode: 'list', value: 'tax_codes' },
      },
    },
    after: { type: 'guixu.vectorStoreSqlite', parameters: { mode: 'insert', collection: 'tax_codes' } },
  },
  {
    mapping: 'langchain-vector-stores',
    title: 'Pinecone "Retrieve Documents" hands the embedded store to a retriever or tool',
    before: {
      type: '@n8n/n8n-nodes-langchain.vectorStorePinecone',
      typeVersion: 1,
      parameters: { pineconeIndex: { __rl: true, mode: 'list', value: 'handbook' }, options: {} },
    },
    after: { type: 'guixu.vectorStoreSqlite', parameters: { mode: 'retrieve', collection: 'handbook' } },
  },
  {
    mapping: 'langchain-retriever-vector-store',
    title: 'Vector Store Retriever with its limit',
    before: {
      type: '@n8n/n8n-nodes-langchain.retrieverVectorStore',
      typeVersion: 1,
      parameters: { topK: 6 },
    },
    after: { type: 'guixu.retrieverVectorStore', parameters: { topK: 6 } },
  },
  {
    mapping: 'langchain-retriever-multi-query',
    title: 'MultiQuery Retriever with a query count',
    before: {
      type: '@n8n/n8n-nodes-langchain.retrieverMultiQuery',
      typeVersion: 1,
      parameters: { options: { queryCount: 5 } },
    },
    after: { type: 'guixu.retrieverMultiQuery', parameters: { options: { queryCount: 5 } } },
  },
  {
    mapping: 'langchain-retriever-workflow',
    title: 'Workflow Retriever v1.1: a stored workflow by locator, extra inputs as an object',
    before: {
      type: '@n8n/n8n-nodes-langchain.retrieverWorkflow',
      typeVersion: 1.1,
      parameters: {
        source: 'database',
        workflowId: { __rl: true, mode: 'list', value: 'wf-7' },
        fields: { values: [{ name: 'lang', type: 'stringValue', stringValue: 'en' }] },
      },
    },
    after: { type: 'guixu.retrieverWorkflow', parameters: { workflowId: 'wf-7', fields: { lang: 'en' } } },
  },
  {
    mapping: 'langchain-tool-vector-store',
    title: 'Vector Store Tool v1 with its name, description of data and limit',
    before: {
      type: '@n8n/n8n-nodes-langchain.toolVectorStore',
      typeVersion: 1,
      parameters: { name: 'company_handbook', description: 'the company handbook', topK: 3 },
    },
    after: {
      type: 'guixu.toolVectorStore',
      parameters: { name: 'company_handbook', description: 'the company handbook', topK: 3 },
    },
  },
  {
    mapping: 'langchain-chain-retrieval-qa',
    title: 'Question and Answer Chain v1.6 with the chat input and a system prompt template',
    before: {
      type: '@n8n/n8n-nodes-langchain.chainRetrievalQa',
      typeVersion: 1.6,
      parameters: { promptType: 'auto', options: { systemPromptTemplate: 'Answer from: {context}' } },
    },
    after: {
      type: 'guixu.chainRetrievalQa',
      parameters: { query: '={{ $json.chatInput }}', systemPrompt: 'Answer from: {context}' },
    },
  },
  {
    mapping: 'langchain-chain-retrieval-qa',
    title: 'Question and Answer Chain v1.2 with its query parameter',
    before: {
      type: '@n8n/n8n-nodes-langchain.chainRetrievalQa',
      typeVersion: 1.2,
      parameters: { query: '={{ $json.question }}' },
    },
    after: { type: 'guixu.chainRetrievalQa', parameters: { query: '={{ $json.question }}' } },
  },
];
