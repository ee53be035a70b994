import type { NodeTextTable, ParamText } from '../node-text.ts';

/** Parameter text these nodes have in common (the same fields, the same words). */
const chatModelParams: Record<string, ParamText> = {
  model: { label: '模型' },
  options: { label: '选项' },
  'options.temperature': { label: '采样温度' },
  'options.maxTokens': { label: '最大 Token 数' },
  'options.topP': { label: 'Top P' },
  'options.fallbackModels': {
    label: '备用模型',
    description: '模型调用失败（限流、服务中断、超时）时依次尝试的模型，以逗号分隔。',
  },
  'options.timeout': { label: '超时（毫秒）' },
  'options.maxRetries': {
    label: '最大重试次数',
    description: '遇到 429 和 5xx 时重试，等待时长遵循服务商的 Retry-After。',
  },
};

/** Parameter text these nodes have in common (the same fields, the same words). */
const embeddingParams: Record<string, ParamText> = {
  model: { label: '模型' },
  options: { label: '选项' },
  'options.batchSize': { label: '批大小' },
  'options.fallbackModels': {
    label: '备用模型',
    description: '模型调用失败（限流、服务中断、超时）时依次尝试的模型，以逗号分隔。',
  },
  'options.timeout': { label: '超时（毫秒）' },
  'options.maxRetries': {
    label: '最大重试次数',
    description: '遇到 429 和 5xx 时重试，等待时长遵循服务商的 Retry-After。',
  },
};

/** 简体中文 node text (see ../nodes-zh-cn.ts). AI nodes: agents, chains, models, embeddings, memory, output parsers, retrievers, text splitters, tools, vector stores. */
export const nodesZhCNAi: NodeTextTable = {
  'guixu.agent': {
    displayName: 'AI 智能体',
    description: '用可调用工具的对话模型逐步作答；连接记忆后会记住对话内容。',
    params: {
      prompt: { label: '提示词（用户消息）' },
      systemMessage: { label: '系统消息' },
      maxIterations: {
        label: '最大迭代次数',
        description: '模型调用次数上限；到达上限仍未得出答案时，智能体以 AI_MAX_ITERATIONS 报错。',
      },
      onToolError: {
        label: '工具出错时',
        options: {
          feedBack: { label: '将错误发送给模型', description: '模型可能会自行纠正' },
          fail: '节点报错',
        },
      },
      hasOutputParser: {
        label: '要求特定输出格式',
        description: '使用连接到“输出解析器”输入的解析器：其格式说明会加入提示词，回答也由它解析。',
      },
      promptTemplateId: {
        label: '提示词模板',
        description:
          '本项目提示词模板（提示词库）的 ID。模板的系统文本和提示词不为空时，会替换上面填写的内容。',
      },
      promptTemplateVersion: {
        label: '模板版本',
        description: '0 表示使用最新版本；填写版本号可固定在该版本。',
      },
      templateValues: {
        label: '模板变量值',
        description: '模板中 {{变量}} 的取值；此处未给出的变量先取输入项中同名字段的值，再取其默认值。',
      },
    },
    ports: {
      'Chat Model': '对话模型',
      'Fallback Model': '备用模型',
      Memory: '记忆',
      Tool: '工具',
      'Output Parser': '输出解析器',
    },
  },
  'guixu.chainLlm': {
    displayName: '基础 LLM 链',
    description: '向对话模型发送提示词并输出其回答，可输出文本或符合 Schema 的 JSON。',
    params: {
      prompt: { label: '提示词' },
      systemMessage: { label: '系统消息' },
      outputFormat: {
        label: '输出',
        options: {
          text: { label: '文本', description: '回答放在 `text` 中' },
          json: { label: 'JSON（Schema）', description: '回答放在 `output` 中，并按 Schema 校验' },
        },
      },
      schema: {
        label: 'JSON Schema',
        description: '回答必须符合此 JSON Schema；不符合时该数据项报错（AI_OUTPUT_INVALID）。',
      },
      hasOutputParser: {
        label: '要求特定输出格式',
        description: '使用连接到“输出解析器”输入的解析器：其格式说明会加入提示词，回答也由它解析。',
      },
      promptTemplateId: {
        label: '提示词模板',
        description:
          '本项目提示词模板（提示词库）的 ID。模板的系统文本和提示词不为空时，会替换上面填写的内容。',
      },
      promptTemplateVersion: {
        label: '模板版本',
        description: '0 表示使用最新版本；填写版本号可固定在该版本。',
      },
      templateValues: {
        label: '模板变量值',
        description: '模板中 {{变量}} 的取值；此处未给出的变量先取输入项中同名字段的值，再取其默认值。',
      },
    },
    ports: { 'Chat Model': '对话模型', 'Output Parser': '输出解析器' },
  },
  'guixu.chainRetrievalQa': {
    displayName: '问答链',
    description: '根据检索器找到的文档回答问题，并注明出处。',
    params: {
      query: { label: '查询' },
      systemPrompt: {
        label: '系统提示词模板',
        description: '{context} 会被替换为检索到的文档，每篇都带编号和来源。',
      },
      includeDocuments: {
        label: '包含文档',
        description: '将检索到的文档（文本、元数据、得分）放在 `documents` 中输出。',
      },
    },
    ports: { 'Chat Model': '对话模型', Retriever: '检索器' },
  },
  'guixu.chainSummarization': {
    displayName: '摘要链',
    description: '以 map-reduce 方式总结长文本：先逐块总结，再汇总各块摘要。',
    params: {
      text: { label: '文本' },
      chunkSize: { label: '分块大小', description: '未连接文本分割器时，每块的字符数。' },
      mapPrompt: { label: '分块提示词' },
      combinePrompt: { label: '汇总提示词' },
    },
    ports: { 'Chat Model': '对话模型', 'Text Splitter': '文本分割器' },
  },
  'guixu.chatTrigger': {
    displayName: '聊天触发器',
    description: '每收到一条聊天消息（编辑器聊天面板、托管聊天页面或小部件）就启动工作流。',
    params: {
      public: { label: '公开聊天', description: '关闭时：只有已登录的项目成员可以聊天。' },
      initialMessages: { label: '初始消息' },
    },
    ports: { Memory: '记忆' },
  },
  'guixu.documentDefaultDataLoader': {
    displayName: '默认数据加载器',
    description: '将数据项或文件（文本、Markdown、HTML、JSON、CSV）加载为向量存储的文档。',
    params: {
      dataType: {
        label: '数据类型',
        options: {
          json: { label: 'JSON', description: '每个数据项的某个文本字段（或整个数据项）' },
          binary: { label: '二进制', description: '每个数据项中的文件' },
        },
      },
      text: { label: '文本', description: '为空时：整个数据项作为 JSON。' },
      binaryProperty: { label: '二进制属性' },
      source: { label: '来源', description: '作为分块的引用来源；默认为文件名或数据项序号。' },
      metadata: { label: '元数据' },
      'metadata.name': { label: '名称' },
      'metadata.value': { label: '值' },
    },
    ports: { 'Text Splitter': '文本分割器', Document: '文档' },
  },
  'guixu.embeddingsOpenAi': {
    displayName: 'OpenAI 嵌入',
    description: '为向量存储提供 OpenAI 嵌入。',
    params: {
      ...embeddingParams,
    },
    ports: { Embeddings: '嵌入' },
  },
  'guixu.embeddingsOpenAiCompatible': {
    displayName: '嵌入（兼容 OpenAI）',
    description: '来自任意兼容 OpenAI 接口的服务的嵌入，例如 Ollama、vLLM 或硅基流动上的 bge-m3。',
    params: {
      ...embeddingParams,
    },
    ports: { Embeddings: '嵌入' },
  },
  'guixu.informationExtractor': {
    displayName: '信息提取器',
    description: '从文本中提取你描述的字段，输出按类型校验过的 JSON。',
    params: {
      text: { label: '文本' },
      schemaType: { label: 'Schema 类型', options: { fromAttributes: '根据属性描述' } },
      attributes: { label: '属性' },
      'attributes.name': { label: '名称' },
      'attributes.type': { label: '类型' },
      'attributes.description': { label: '描述' },
      'attributes.required': { label: '必填' },
      jsonSchema: { label: 'JSON Schema' },
      systemPrompt: { label: '系统提示词' },
    },
    ports: { 'Chat Model': '对话模型' },
  },
  'guixu.lmChatAnthropic': {
    displayName: 'Anthropic 对话模型',
    description: '供智能体或链使用的 Anthropic 对话模型（Claude）。',
    params: {
      ...chatModelParams,
    },
    ports: { Model: '模型' },
  },
  'guixu.lmChatOpenAi': {
    displayName: 'OpenAI 对话模型',
    description: '供智能体或链使用的 OpenAI 对话模型（GPT）。',
    params: {
      ...chatModelParams,
    },
    ports: { Model: '模型' },
  },
  'guixu.lmChatOpenAiCompatible': {
    displayName: '兼容 OpenAI 的对话模型',
    description:
      '任意兼容 OpenAI 接口的服务上的对话模型：DeepSeek、通义千问、豆包、硅基流动、Kimi、GLM、Ollama、vLLM、llama.cpp、LM Studio。',
    params: {
      ...chatModelParams,
    },
    ports: { Model: '模型' },
  },
  'guixu.memoryBufferWindow': {
    displayName: '窗口缓冲记忆',
    description: '为 AI 智能体记住聊天会话的最近几轮对话。',
    params: {
      sessionId: { label: '会话 ID', description: '按会话记住对话轮次（聊天触发器会设置 `sessionId`）。' },
      contextWindowLength: {
        label: '上下文窗口长度',
        description: '发送给模型的历史对话轮数（一问一答为一轮）。',
      },
    },
    ports: { Memory: '记忆' },
  },
  'guixu.memoryRedisChat': {
    displayName: 'Redis 聊天记忆',
    description: '在 Redis 中为 AI 智能体记住聊天会话的最近几轮对话。',
    params: {
      sessionId: { label: '会话 ID', description: '按会话记住对话轮次（聊天触发器会设置 `sessionId`）。' },
      contextWindowLength: {
        label: '上下文窗口长度',
        description: '发送给模型的历史对话轮数（一问一答为一轮）。',
      },
      sessionTTL: { label: '会话有效期（秒）', description: '0：会话永不过期。' },
    },
    ports: { Memory: '记忆' },
  },
  'guixu.outputParserAutofixing': {
    displayName: '自动修复输出解析器',
    description: '用另一个输出解析器解析；回答不符合格式时，请模型修复一次。',
    params: {
      options: { label: '选项' },
      'options.prompt': {
        label: '重试提示词',
        description: '可使用 {instructions}、{completion} 和 {error}。',
      },
    },
    ports: { Model: '模型', 'Output Parser': '输出解析器' },
  },
  'guixu.outputParserItemList': {
    displayName: '列表输出解析器',
    description: '让链或智能体以列表作答；输出为字符串数组。',
    params: {
      options: { label: '选项' },
      'options.numberOfItems': {
        label: '数据项数量',
        description: '-1 表示不限数量；否则列表截取到此数量。',
      },
      'options.separator': { label: '分隔符', description: '\\n 表示换行。' },
    },
    ports: { 'Output Parser': '输出解析器' },
  },
  'guixu.outputParserStructured': {
    displayName: '结构化输出解析器',
    description: '让链或智能体以符合 Schema 的 JSON 作答。',
    params: {
      schemaType: {
        label: 'Schema 类型',
        options: { fromJson: '根据 JSON 示例生成', manual: '使用 JSON Schema 定义' },
      },
      jsonSchemaExample: { label: 'JSON 示例' },
      inputSchema: { label: '输入 Schema' },
    },
    ports: { 'Output Parser': '输出解析器' },
  },
  'guixu.retrieverMultiQuery': {
    displayName: '多查询检索器',
    description: '让模型给出问题的其他几种问法，并分别检索文档。',
    params: {
      options: { label: '选项' },
      'options.queryCount': { label: '查询数量', description: '让模型生成的其他问法数量。' },
      'options.prompt': { label: '提示词', description: '可使用 {question} 和 {queryCount}。' },
    },
    ports: { Model: '模型', Retriever: '检索器' },
  },
  'guixu.retrieverVectorStore': {
    displayName: '向量存储检索器',
    description: '为链从向量存储中找出与问题语义最接近的分块。',
    params: {
      topK: { label: '数量上限', description: '交给链的分块数，按相关度从高到低。' },
    },
    ports: { 'Vector Store': '向量存储', Retriever: '检索器' },
  },
  'guixu.retrieverWorkflow': {
    displayName: '工作流检索器',
    description: '用问题运行另一个工作流，并把其输出数据项作为文档。',
    params: {
      workflowId: { label: '工作流 ID' },
      fields: {
        label: '额外字段',
        description: '与 `query` 一起放在输入数据项中发送，例如 {"language": "en"}。',
      },
    },
    ports: { Retriever: '检索器' },
  },
  'guixu.sentimentAnalysis': {
    displayName: '情感分析',
    description: '用对话模型判断每个数据项文本的情感倾向；每种情感对应一个输出。',
    params: {
      inputText: { label: '要分析的文本' },
      options: { label: '选项' },
      'options.categories': { label: '情感类别', description: '以逗号分隔；每个类别按顺序对应一个输出。' },
      'options.includeDetailedResults': {
        label: '包含详细结果',
        description: '在输出中加入强度（0–1）和置信度（0–1）。',
      },
      'options.systemPromptTemplate': { label: '系统提示词' },
    },
    ports: { 'Chat Model': '对话模型', Positive: '积极', Neutral: '中性', Negative: '消极' },
  },
  'guixu.textClassifier': {
    displayName: '文本分类器',
    description: '用对话模型将数据项归入你描述的类别；每个类别对应一个输出。',
    params: {
      inputText: { label: '要分类的文本' },
      categories: { label: '类别' },
      'categories.category': { label: '类别' },
      'categories.description': { label: '描述' },
      multiClass: { label: '允许同时属于多个类别' },
      fallback: {
        label: '无明确匹配时',
        options: { discard: '丢弃数据项', other: '输出到额外的“其他”分支' },
      },
      systemPrompt: { label: '系统提示词' },
    },
    ports: { 'Chat Model': '对话模型' },
  },
  'guixu.textSplitterMarkdown': {
    displayName: 'Markdown 文本分割器',
    description: '先按标题切分 Markdown，使每个分块不会跨越两个章节。',
    params: {
      chunkSize: { label: '分块大小', description: '以字符计。' },
      chunkOverlap: { label: '分块重叠' },
      headingLevel: {
        label: '按标题切分至级别',
        description: '1 表示只在 # 标题处切分；3 表示在 #、## 和 ### 处切分。',
      },
    },
    ports: { 'Text Splitter': '文本分割器' },
  },
  'guixu.textSplitterRecursiveCharacter': {
    displayName: '递归字符文本分割器',
    description: '按段落、行、词（或 Markdown 标题）将文档切分为相互重叠的分块。',
    params: {
      chunkSize: { label: '分块大小', description: '以字符计。' },
      chunkOverlap: { label: '分块重叠' },
      markdown: { label: '识别 Markdown 结构', description: '优先在标题和代码块围栏处切分。' },
    },
    ports: { 'Text Splitter': '文本分割器' },
  },
  'guixu.textSplitterTokenSplitter': {
    displayName: 'Token 分割器',
    description: '按模型 Token 数将文档切分为分块，在词边界处切分。',
    params: {
      chunkSize: { label: '分块大小', description: '以 Token 计。' },
      chunkOverlap: { label: '分块重叠' },
      encoding: { label: '分词器' },
    },
    ports: { 'Text Splitter': '文本分割器' },
  },
  'guixu.toolCalculator': {
    displayName: '计算器',
    description: '供 AI 智能体使用的工具：精确计算算术表达式，而不是让模型猜测结果。',
    ports: { Tool: '工具' },
  },
  'guixu.toolCode': {
    displayName: '代码工具',
    description: '供 AI 智能体使用的工具：在代码沙箱中运行 JavaScript，模型给出的参数即 $json。',
    params: {
      name: { label: '名称', description: '模型调用它时使用的名称（默认根据节点名称生成）。' },
      description: { label: '描述' },
      jsCode: { label: 'JavaScript' },
      inputSchema: { label: '输入 Schema' },
    },
    ports: { Tool: '工具' },
  },
  'guixu.toolHttpRequest': {
    displayName: 'HTTP 请求工具',
    description: '供 AI 智能体使用的工具：调用你指定的 HTTP 接口，URL 中的部分内容（以及请求体）由模型填写。',
    params: {
      name: { label: '名称', description: '模型调用它时使用的名称（默认根据节点名称生成）。' },
      description: { label: '描述' },
      method: { label: '请求方法' },
      url: { label: 'URL', description: '每个 {name} 由模型填写（经过 URL 编码）。' },
      sendBody: { label: '由模型发送 JSON 请求体' },
      headers: { label: '请求头' },
      'headers.name': { label: '名称' },
      'headers.value': { label: '值' },
      maxResponseChars: { label: '响应最大字符数' },
      timeout: { label: '超时（毫秒）' },
    },
    ports: { Tool: '工具' },
  },
  'guixu.toolNode': {
    displayName: '节点工具',
    description: '将任意节点作为 AI 智能体的工具：写成 $fromAI() 的参数由模型填写。',
    params: {
      name: { label: '名称', description: '模型调用它时使用的名称（默认根据节点名称生成）。' },
      description: { label: '描述', description: '告诉模型这个工具做什么、何时调用。' },
      nodeType: { label: '节点类型', description: '要运行的节点，例如 guixu.httpRequest。' },
      nodeParameters: {
        label: '节点参数',
        description:
          '该节点的参数；形如 ={{ $fromAI("city", "The city to look up", "string") }} 的值由模型填写。',
      },
      typeVersion: { label: '节点版本' },
    },
    ports: { Tool: '工具' },
  },
  'guixu.toolVectorStore': {
    displayName: '向量存储工具',
    description: '供 AI 智能体使用的工具：用模型根据向量存储回答问题，并注明出处。',
    params: {
      name: { label: '名称', description: '模型调用它时使用的名称（默认根据节点名称生成）。' },
      description: {
        label: '数据描述',
        description: '存储中保存的内容，例如“员工手册”；模型据此决定何时查询。',
      },
      topK: { label: '数量上限', description: '用于撰写回答的分块数。' },
    },
    ports: { 'Vector Store': '向量存储', Model: '模型', Tool: '工具' },
  },
  'guixu.toolWorkflow': {
    displayName: '调用工作流工具',
    description: '供 AI 智能体使用的工具：以模型给出的参数作为输入数据项，运行另一个工作流。',
    params: {
      name: { label: '名称', description: '模型调用它时使用的名称（默认根据节点名称生成）。' },
      description: { label: '描述', description: '告诉模型这个工作流做什么、何时调用。' },
      workflowId: { label: '工作流 ID' },
      inputSchema: {
        label: '输入 Schema',
        description: '模型所填参数的 JSON Schema；这些参数会成为工作流的输入数据项。',
      },
    },
    ports: { Tool: '工具' },
  },
  'guixu.vectorStoreSqlite': {
    displayName: '向量存储（SQLite）',
    description: '在内置的 sqlite-vec 数据库中存储文档分块，并按语义检索。',
    params: {
      mode: {
        label: '操作模式',
        options: {
          insert: '插入文档',
          load: '获取多条（搜索）',
          retrieve: {
            label: '检索文档（供检索器或向量存储工具使用）',
            description: '连接到向量存储检索器或向量存储工具',
          },
          retrieveAsTool: '检索文档（作为 AI 智能体的工具）',
          delete: '删除文档',
        },
      },
      source: {
        label: '搜索范围',
        options: { collection: '本存储中的某个集合', knowledgeBase: '项目中的某个知识库' },
      },
      knowledgeBaseId: {
        label: '知识库 ID',
        description: '工作流所属项目中的知识库；查询使用该知识库自己的模型进行嵌入。',
      },
      collection: { label: '集合' },
      prompt: { label: '查询' },
      documentId: { label: '文档 ID' },
      toolName: { label: '工具名称' },
      toolDescription: { label: '工具描述' },
      topK: { label: '数量上限' },
      minScore: { label: '最低得分' },
      output: {
        label: '输出',
        options: {
          items: '每个分块一个数据项',
          oneItem: {
            label: '所有分块放在一个数据项中',
            description:
              '`result`：[{ content, title, score, documentId, metadata }]（与 Dify 知识检索的格式相同），以及 `text`：带来源的段落文本',
          },
        },
      },
      filter: {
        label: '元数据过滤',
        description: '只返回元数据包含这些值的分块，例如 {"source": "handbook.md"}。',
      },
    },
    ports: { Document: '文档', Embeddings: '嵌入' },
  },
};
