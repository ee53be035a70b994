import type { NodeTextTable } from './node-text.ts';

/**
 * 简体中文 for the built-in node types: names, descriptions, parameter labels, descriptions,
 * placeholders and option labels (by option value), and port labels. Keyed by node type, then by
 * parameter path (nested fields joined with dots). Text left out shows in English; a node type or
 * parameter without a label here fails node-text.test.ts. Product and protocol names stay as they are.
 */
export const nodesZhCN: NodeTextTable = {
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
  'guixu.aggregate': {
    displayName: '聚合',
    description: '将多个数据项中的某个字段合并为单个数据项中的列表。',
    params: {
      aggregate: {
        label: '聚合内容',
        options: {
          aggregateIndividualFields: '指定字段',
          aggregateAllItemData: '全部数据项（合并为一个列表）',
        },
      },
      fieldsToAggregate: { label: '要聚合的字段' },
      'fieldsToAggregate.fieldToAggregate': { label: '聚合字段' },
      'fieldsToAggregate.fieldToAggregate.fieldToAggregate': {
        label: '输入字段名',
        description: '输入数据项中要聚合在一起的字段名。',
      },
      'fieldsToAggregate.fieldToAggregate.renameField': {
        label: '重命名字段',
        description: '是否在输出中为聚合后的字段使用不同的名称。',
      },
      'fieldsToAggregate.fieldToAggregate.outputFieldName': {
        label: '输出字段名',
        description: '存放聚合数据的字段名。',
      },
      destinationFieldName: { label: '输出到字段', description: '存放数据的输出字段名。' },
      include: {
        label: '包含',
        options: {
          allFields: '所有字段',
          specifiedFields: '指定字段',
          allFieldsExcept: '除以下字段外的所有字段',
        },
      },
      fieldsToExclude: { label: '要排除的字段', description: '要排除的顶层字段，以逗号分隔。' },
      fieldsToInclude: { label: '要包含的字段', description: '要保留的顶层字段，以逗号分隔。' },
      options: { label: '选项' },
      'options.groupByFields': {
        label: '分组字段',
        description: '以逗号分隔的字段；这些字段的每种不同取值组合输出一个数据项。',
        placeholder: '例如 category, type',
      },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段。',
      },
      'options.mergeLists': {
        label: '合并列表',
        description: '是否将多个列表合并为一个扁平列表，而不是列表的列表。',
      },
      'options.includeBinaries': {
        label: '包含二进制数据',
        description: '是否在新数据项中包含被聚合数据项的二进制数据。',
      },
      'options.keepOnlyUnique': {
        label: '仅保留不重复的二进制数据',
        description: 'MIME 类型、文件类型、大小和扩展名都相同的二进制数据是否只保留一份。',
      },
      'options.keepMissing': {
        label: '保留缺失值和空值',
        description: '值缺失或为 null 时，是否在聚合列表中加入一个 null 条目。',
      },
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
  'guixu.code': {
    displayName: '代码',
    description:
      '在沙箱中对数据项运行自定义 JavaScript 或 Python，可对全部数据项运行一次或对每项各运行一次。',
    params: {
      mode: {
        label: '模式',
        options: {
          runOnceForAllItems: {
            label: '对所有数据项运行一次',
            description: '无论有多少输入数据项，代码只运行一次',
          },
          runOnceForEachItem: {
            label: '对每个数据项各运行一次',
            description: '有多少输入数据项，代码就运行多少次',
          },
        },
      },
      language: {
        label: '语言',
        options: {
          python: { label: 'Python', description: 'Pyodide 中的 Python 3（仅标准库）' },
          pythonNative: {
            label: 'Python（原生）',
            description: 'n8n 的原生 Python；在这里与 Python 一样运行于 Pyodide',
          },
        },
      },
      jsCode: {
        label: 'JavaScript',
        description:
          "要运行的 JavaScript。可使用 `$input`、`$json`、`$('Node')`、`$now`、`DateTime`、`$jmespath` 和 `console.log()`。",
      },
      pythonCode: {
        label: 'Python',
        description:
          "要运行的 Python。可使用 `_input`、`_json`、`_item`、`_items`、`_('Node')`、`_vars`、`_now`、`_getWorkflowStaticData()` 和 `print()`。",
      },
      notice: {
        label:
          '输入 $ 可列出特殊变量。console.log() 的输出显示在节点日志中。代码在有时间和内存限制的沙箱中运行。',
      },
    },
  },
  'guixu.compression': {
    displayName: '压缩',
    description: '将二进制文件压缩为 zip 或 gzip，或将其解压。',
    params: {
      operation: {
        label: '操作',
        options: {
          compress: { label: '压缩', description: '将文件压缩为 zip 或 gzip 压缩包' },
          decompress: { label: '解压', description: '解压 zip 或 gzip 压缩包' },
        },
      },
      binaryPropertyName: {
        label: '输入二进制字段',
        description: '要压缩（或解压）的二进制属性名，以逗号分隔。',
      },
      outputFormat: { label: '输出格式' },
      fileName: { label: '文件名', description: '输出文件的名称。' },
      binaryPropertyOutput: { label: '输出文件存放字段' },
      outputPrefix: {
        label: '输出文件前缀',
        description: '存放文件的二进制属性名前缀（prefix0、prefix1……）。',
      },
    },
  },
  'guixu.convertToFile': {
    displayName: '转换为文件',
    description: '将数据项转换为二进制文件：CSV、XLSX、HTML 表格、JSON、文本、ICS 或 base64。',
    params: {
      operation: {
        label: '操作',
        options: {
          csv: { label: '转换为 CSV', description: '将输入数据转换为 CSV 文件' },
          html: { label: '转换为 HTML', description: '将输入数据转换为 HTML 文件中的表格' },
          iCal: { label: '转换为 ICS', description: '将每个输入数据项转换为一个 ICS 日程文件' },
          toJson: { label: '转换为 JSON', description: '将输入数据转换为一个或多个 JSON 文件' },
          toText: { label: '转换为文本文件', description: '将某个字段的数据转换为文本文件' },
          xlsx: { label: '转换为 XLSX', description: '将输入数据转换为 Excel 文件' },
          toBinary: {
            label: '将 Base64 字符串转为文件',
            description: '将 base64 编码的字符串还原为原始文件',
          },
        },
      },
      mode: {
        label: '模式',
        options: { once: '所有数据项存入一个文件', each: '每个数据项单独存为一个文件' },
      },
      sourceProperty: {
        label: '文本输入字段',
        description: '包含要写入文件的文本（或 base64）的输入字段名（可使用点号表示法）。',
      },
      title: { label: '日程标题' },
      start: { label: '开始时间', description: '日程开始的日期和时间。' },
      end: { label: '结束时间', description: '日程结束的日期和时间。' },
      allDay: { label: '全天', description: '日程是否为全天。' },
      binaryPropertyName: { label: '输出文件存放字段', description: '存放文件的输出二进制字段名。' },
      additionalFields: { label: '附加字段' },
      'additionalFields.calName': { label: '日历名称' },
      'additionalFields.description': { label: '描述' },
      'additionalFields.location': { label: '地点' },
      'additionalFields.url': { label: 'URL' },
      'additionalFields.uid': { label: 'UID', description: '日程的唯一 ID（为空时随机生成）。' },
      'additionalFields.status': {
        label: '状态',
        options: { CONFIRMED: '已确认', TENTATIVE: '暂定', CANCELLED: '已取消' },
      },
      'additionalFields.sequence': { label: '序号' },
      'additionalFields.recurrenceRule': { label: '重复规则' },
      'additionalFields.organizer': { label: '组织者' },
      'additionalFields.attendees': { label: '参与者' },
      options: { label: '选项' },
      'options.fileName': { label: '文件名', description: '输出文件的名称。' },
      'options.mimeType': {
        label: 'MIME 类型',
        description: '输出文件的 MIME 类型（为空时根据文件名或内容判断）。',
      },
      'options.headerRow': { label: '标题行', description: '文件第一行是否为列标题。' },
      'options.delimiter': { label: '分隔符', description: '字段分隔符。' },
      'options.sheetName': { label: '工作表名称', description: '工作表名称（或 HTML 标题）。' },
      'options.format': { label: '格式化输出', description: '是否美化 JSON 的排版（缩进换行）。' },
      'options.encoding': { label: '编码' },
      'options.addBOM': { label: '添加字节顺序标记（BOM）' },
      'options.dataIsBase64': {
        label: '数据为 Base64',
        description: '字段内容是否为 base64（否则其文本即为文件内容）。',
      },
    },
  },
  'guixu.crypto': {
    displayName: '加密',
    description: '计算哈希、签名（HMAC 或私钥）并生成随机值。',
    params: {
      action: {
        label: '动作',
        options: {
          generate: { label: '生成', description: '生成随机字符串' },
          hash: { label: '哈希', description: '按指定算法计算文本或文件的哈希' },
          hmac: { label: 'Hmac', description: '按指定算法计算文本或文件的 HMAC' },
          sign: { label: '签名', description: '使用私钥对字符串签名' },
        },
      },
      binaryData: { label: '二进制文件', description: '要计算哈希的数据是否为数据项中的二进制文件。' },
      binaryPropertyName: { label: '二进制属性名', description: '包含输入数据的二进制属性名。' },
      type: { label: '类型', description: '要使用的哈希算法。' },
      value: { label: '值', description: '要计算哈希、HMAC 或签名的值（对象按 JSON 处理）。' },
      dataPropertyName: {
        label: '属性名',
        description: '写入结果的属性名，按字面使用：与 n8n 一样，"a.b" 是一个键。',
      },
      secret: { label: '密钥' },
      algorithm: { label: '算法名称或 ID' },
      privateKey: { label: '私钥', description: '签名字符串时使用的私钥（PEM）。' },
      encoding: { label: '编码' },
      encodingType: { label: '类型', description: '生成字符串时使用的编码。' },
      stringLength: { label: '长度', description: '生成字符串的长度。' },
    },
  },
  'guixu.dateTime': {
    displayName: '日期与时间',
    description: '获取、加减、格式化、取整和比较日期。',
    params: {
      operation: {
        label: '操作',
        options: {
          addToDate: '日期加上时长',
          extractDate: '提取日期的一部分',
          formatDate: '格式化日期',
          getCurrentDate: '获取当前日期',
          getTimeBetweenDates: '计算两个日期的间隔',
          roundDate: '日期取整',
          subtractFromDate: '日期减去时长',
        },
      },
      includeTime: { label: '包含当前时间', description: '关闭时，时间设为午夜零点。' },
      magnitude: { label: '日期', description: '要修改的日期。' },
      timeUnit: {
        label: '时间单位',
        description: '“时长”参数的时间单位。',
        options: {
          years: '年',
          quarters: '季度',
          months: '月',
          weeks: '周',
          days: '天',
          hours: '小时',
          minutes: '分钟',
          seconds: '秒',
          milliseconds: '毫秒',
        },
      },
      duration: { label: '时长', description: '要在日期上加上或减去的时间单位数量。' },
      date: {
        label: '日期',
        description: '要处理的日期（ISO 文本、Unix 时间戳，或“源日期格式”中设置的任意格式）。',
      },
      format: {
        label: '格式',
        description: '日期要转换成的格式。',
        options: {
          custom: '自定义格式',
          'MM/dd/yyyy': { label: 'MM/DD/YYYY', description: '示例：09/04/1986' },
          'yyyy/MM/dd': { label: 'YYYY/MM/DD', description: '示例：1986/04/09' },
          'MMMM dd yyyy': { label: 'MMMM DD YYYY', description: '示例：April 09 1986' },
          'MM-dd-yyyy': { label: 'MM-DD-YYYY', description: '示例：09-04-1986' },
          'yyyy-MM-dd': { label: 'YYYY-MM-DD', description: '示例：1986-04-09' },
          X: { label: 'Unix 时间戳', description: '示例：1672531200' },
          x: { label: 'Unix 毫秒时间戳', description: '示例：1674691200000' },
        },
      },
      customFormat: { label: '自定义格式', description: 'Luxon 格式符号，例如 yyyy-MM-dd HH:mm。' },
      mode: { label: '模式', options: { roundDown: '向下取整', roundUp: '向上取整' } },
      toNearest: {
        label: '取整到',
        options: {
          year: '年',
          month: '月',
          week: '周',
          day: '天',
          hour: '小时',
          minute: '分钟',
          second: '秒',
        },
      },
      to: {
        label: '取整到',
        description: '向上取整到下一个单位的开始（月末：下个月的第一刻）。',
        options: {
          month: '月末',
          year: '年',
          week: '周',
          day: '天',
          hour: '小时',
          minute: '分钟',
          second: '秒',
        },
      },
      startDate: { label: '开始日期', description: '较早的日期。' },
      endDate: { label: '结束日期', description: '较晚的日期。' },
      units: {
        label: '单位',
        options: {
          year: '年',
          month: '月',
          week: '周',
          day: '天',
          hour: '小时',
          minute: '分钟',
          second: '秒',
          millisecond: '毫秒',
        },
      },
      part: {
        label: '部分',
        options: {
          year: '年',
          month: '月',
          week: '周',
          day: '天',
          hour: '小时',
          minute: '分钟',
          second: '秒',
        },
      },
      outputFieldName: {
        label: '输出字段名',
        description:
          '存放输出的字段名（各操作的默认值：currentDate、newDate、formattedDate、roundedDate、timeDifference、datePart）。',
      },
      options: { label: '选项' },
      'options.includeInputFields': {
        label: '包含输入字段',
        description: '是否在输出数据项中包含输入数据项的所有字段。',
      },
      'options.timezone': {
        label: '时区',
        description:
          '获取当前日期：使用的 IANA 时区（默认：工作流时区）。格式化日期：设为 true 则按工作流时区显示，也可填时区名称。',
      },
      'options.fromFormat': {
        label: '源日期格式',
        description:
          '无法自动识别输入日期时，输入日期所用的格式（Luxon 符号；用于格式化日期、日期加减时长）。',
      },
      'options.isoString': {
        label: '输出为 ISO 字符串',
        description: '是否将时间差输出为 ISO 8601 时长（如 P3DT4H），而不是对象。',
      },
    },
  },
  'guixu.dingTalk': {
    displayName: '钉钉机器人',
    description: '通过群机器人向钉钉群发送文本、Markdown 或 ActionCard 消息。',
    params: {
      messageType: { label: '消息类型', options: { text: '文本', actionCard: '互动卡片（ActionCard）' } },
      text: { label: '文本' },
      title: { label: '标题', description: '显示在会话列表中' },
      markdown: { label: 'Markdown' },
      card: {
        label: 'ActionCard（JSON）',
        description: '{ "title", "text", "singleTitle", "singleURL" } 或 { "title", "text", "btns": [...] }',
      },
      atMobiles: { label: '@ 手机号', description: '要 @ 的手机号，以逗号分隔' },
      isAtAll: { label: '@ 所有人' },
    },
  },
  'guixu.dingTalkTrigger': {
    displayName: '钉钉触发器',
    description: '钉钉应用的 HTTP 事件订阅每推送一个事件就启动工作流。',
    params: {
      path: {
        label: '路径',
        description: '/webhook/ 之后的 URL 路径；把这个 URL 作为回调地址填到开放平台。',
      },
    },
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
  'guixu.emailReadImap': {
    displayName: '邮件触发器（IMAP）',
    description: 'IMAP 邮箱收到新邮件时启动工作流；附件转为二进制数据。',
    params: {
      mailbox: { label: '邮箱文件夹名称' },
      postProcessAction: {
        label: '收信后操作',
        description: '收到邮件后如何处理',
        options: { read: '标记为已读', nothing: '不处理' },
      },
      downloadAttachments: { label: '下载附件', description: '是否下载邮件附件' },
      format: {
        label: '格式',
        description: '返回邮件所用的格式',
        options: {
          raw: { label: '原始', description: '返回完整邮件数据，正文以 base64 放在 raw 字段中' },
          resolved: { label: '已解析', description: '返回完整邮件，所有数据均已解析，附件保存为二进制数据' },
          simple: { label: '简单', description: '返回完整邮件；如需获取内嵌附件请勿使用' },
        },
      },
      dataPropertyAttachmentsPrefixName: {
        label: '属性名前缀',
        description: '写入附件的二进制属性名前缀，后面会加上从 0 开始的序号。',
      },
      options: { label: '选项' },
      'options.customEmailConfig': {
        label: '自定义邮件规则',
        description:
          '自定义收取邮件的规则，采用 node-imap 搜索条件格式：["UNSEEN", ["SINCE", "May 20, 2018"]]',
      },
      'options.allowUnauthorizedCerts': {
        label: '忽略 SSL 问题（不安全）',
        description: '无法验证 SSL 证书时是否仍然连接',
      },
      'options.forceReconnect': {
        label: '强制重连间隔（分钟）',
        description: '设置强制重新连接的间隔（分钟）',
      },
      'options.trackLastMessageId': {
        label: '只收取新邮件',
        description: '是否只收取 UID 大于上次已输出邮件的邮件',
      },
    },
  },
  'guixu.emailSend': {
    displayName: '发送邮件',
    description: '通过 SMTP 服务器发送邮件：文本、HTML 或两者兼有，可附带二进制数据作为附件。',
    params: {
      operation: { label: '操作', options: { send: { label: '发送', description: '发送一封邮件' } } },
      fromEmail: {
        label: '发件人邮箱',
        description: '发件人的邮箱地址，也可以带上名称：Nathan Doe <nate@n8n.io>。',
      },
      toEmail: {
        label: '收件人邮箱',
        description: '收件人的邮箱地址，也可以带上名称：Nathan Doe <nate@n8n.io>。多个收件人以逗号分隔。',
      },
      subject: { label: '主题', placeholder: '邮件主题' },
      emailFormat: {
        label: '邮件格式',
        options: {
          text: { label: '文本', description: '以纯文本发送邮件' },
          html: { label: 'HTML', description: '以 HTML 发送邮件' },
          both: { label: '两者', description: '同时发送两种格式，由收件人的邮件客户端选择显示哪一种' },
        },
      },
      text: { label: '文本' },
      html: { label: 'HTML' },
      options: { label: '选项' },
      'options.appendAttribution': {
        label: '附加来源说明',
        description: '是否添加一行说明，表明邮件由工作流自动发送',
      },
      'options.attachments': {
        label: '附件',
        description: '要作为附件的二进制属性名，以逗号分隔。在 HTML 中可用 <img src="cid:name"> 引用。',
      },
      'options.ccEmail': { label: '抄送邮箱', description: '抄送人的邮箱地址' },
      'options.bccEmail': { label: '密送邮箱', description: '密送人的邮箱地址' },
      'options.allowUnauthorizedCerts': {
        label: '忽略 SSL 问题（不安全）',
        description: '无法验证 SSL 证书时是否仍然连接',
      },
      'options.replyTo': { label: '回复地址', description: '接收回复的邮箱地址' },
    },
  },
  'guixu.embeddingsOpenAi': {
    displayName: 'OpenAI 嵌入',
    description: '为向量存储提供 OpenAI 嵌入。',
    params: {
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
    },
    ports: { Embeddings: '嵌入' },
  },
  'guixu.embeddingsOpenAiCompatible': {
    displayName: '嵌入（兼容 OpenAI）',
    description: '来自任意兼容 OpenAI 接口的服务的嵌入，例如 Ollama、vLLM 或硅基流动上的 bge-m3。',
    params: {
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
    },
    ports: { Embeddings: '嵌入' },
  },
  'guixu.errorTrigger': {
    displayName: '错误触发器',
    description: '当其他将本工作流设为错误处理工作流的工作流失败时，启动本工作流。',
  },
  'guixu.executeCommand': {
    displayName: '执行命令',
    description: '在服务器上运行 shell 命令（仅限实例允许时）。',
    params: {
      executeOnce: { label: '只执行一次', description: '是否只运行一次命令，而不是每个数据项各运行一次' },
      command: { label: '命令', description: '在 shell（/bin/sh）中运行的命令' },
    },
  },
  'guixu.executeWorkflow': {
    displayName: '执行子工作流',
    description: '用当前数据项运行另一个工作流，并输出其返回结果。',
    params: {
      source: {
        label: '来源',
        options: {
          database: { label: '数据库', description: '已保存的工作流，按 ID 指定' },
          localFile: { label: '本地文件', description: '服务器上的工作流 JSON 文件' },
          parameter: { label: '在下方定义', description: '粘贴工作流 JSON' },
        },
      },
      workflowId: { label: '工作流', description: '要运行的工作流（ID）' },
      workflowPath: { label: '工作流路径' },
      workflowJson: { label: '工作流 JSON' },
      workflowInputs: {
        label: '工作流输入',
        description: '子工作流触发器所定义字段的值；为空时按原样传入数据项',
      },
      mode: {
        label: '模式',
        options: {
          once: { label: '用所有数据项运行一次', description: '一次调用传入所有数据项' },
          each: { label: '对每个数据项各运行一次', description: '每个数据项调用一次工作流' },
        },
      },
      options: { label: '选项' },
      'options.waitForSubWorkflow': {
        label: '等待子工作流完成',
        description: '是否等待子工作流完成并输出其数据项，否则立即原样传出输入',
      },
    },
  },
  'guixu.executeWorkflowTrigger': {
    displayName: '子工作流触发器',
    description: '当其他工作流通过“执行子工作流”节点调用本工作流时启动。',
    params: {
      inputSource: {
        label: '输入数据模式',
        options: {
          workflowInputs: { label: '用下方字段定义', description: '列出调用方传入的字段' },
          jsonExample: { label: '用 JSON 示例定义', description: '从示例中获取字段名' },
          passthrough: { label: '接受所有数据', description: '使用调用方传入的任何数据' },
        },
      },
      workflowInputs: { label: '工作流输入结构' },
      'workflowInputs.values': { label: '值' },
      'workflowInputs.values.name': { label: '名称', placeholder: '例如 fieldName' },
      'workflowInputs.values.type': { label: '类型', options: { any: '允许任意类型' } },
      jsonExample: { label: 'JSON 示例', description: '一个示例对象；其顶层键会成为输入字段。' },
    },
  },
  'guixu.extractFromFile': {
    displayName: '从文件提取',
    description: '将二进制文件（CSV、XLSX、HTML 表格、JSON、PDF、ICS、文本）转换为 JSON。',
    params: {
      operation: {
        label: '操作',
        options: {
          csv: { label: '从 CSV 提取', description: '将 CSV 文件转换为输出数据项' },
          html: { label: '从 HTML 提取', description: '将 HTML 文件中的表格转换为输出数据项' },
          fromIcs: { label: '从 ICS 提取', description: '将 ICS 文件转换为输出数据项' },
          fromJson: { label: '从 JSON 提取', description: '将 JSON 文件转换为输出数据项' },
          ods: { label: '从 ODS 提取', description: '将 ODS 文件转换为输出数据项' },
          pdf: { label: '从 PDF 提取', description: '提取 PDF 文件的内容' },
          text: { label: '从文本文件提取', description: '提取文本文件的内容' },
          xml: { label: '从 XML 提取', description: '提取 XML 文件的内容' },
          xlsx: { label: '从 XLSX 提取', description: '将 XLSX 文件转换为输出数据项' },
          binaryToPropery: {
            label: '将文件转为 Base64 字符串',
            description: '将文件转换为 base64 编码的字符串',
          },
          document: {
            label: '提取文档文本',
            description: '按文件类型提取 PDF、HTML、JSON、CSV、XLSX 或文本文件的文本',
          },
        },
      },
      binaryPropertyName: { label: '输入二进制字段', description: '包含待处理文件数据的输入字段名。' },
      destinationKey: { label: '目标输出字段', description: '存放提取结果的输出字段名。' },
      options: { label: '选项' },
      'options.delimiter': { label: '分隔符', description: '设置字段分隔符（为空时自动检测）。' },
      'options.encoding': { label: '文件编码', description: '例如 utf-8、utf-16le、gbk、latin1。' },
      'options.fromLine': { label: '起始行', description: '从指定行号开始处理记录（1 表示第一行）。' },
      'options.maxRowCount': { label: '最多加载行数', description: '-1 表示全部行。' },
      'options.relaxQuotes': { label: '放宽引号规则', description: '是否允许未加引号的字段中出现引号。' },
      'options.headerRow': { label: '标题行', description: '文件第一行是否为字段名。' },
      'options.includeEmptyCells': {
        label: '包含空单元格',
        description: '空单元格是否转为空字符串（否则忽略）。',
      },
      'options.range': { label: '范围', description: '要从工作表读取的范围，例如 A1:C10。' },
      'options.readAsString': { label: '按字符串读取', description: '是否将所有单元格的值都作为文本。' },
      'options.sheetName': { label: '工作表名称', description: '要读取的工作表名称（为空时读取第一个）。' },
      'options.stripBOM': { label: '去除 BOM' },
      'options.joinPages': {
        label: '合并页面',
        description: '是否将所有页面的文本合并为一个字符串（否则按页输出列表）。',
      },
      'options.maxPages': { label: '最大页数', description: '0 表示全部页面。' },
      'options.password': { label: '密码', description: '加密 PDF 的密码。' },
      'options.keepSource': {
        label: '保留来源数据',
        description: '输出数据项中保留输入数据项的哪些内容。',
        options: { binary: '二进制', both: '两者' },
      },
    },
  },
  'guixu.filter': {
    displayName: '过滤',
    description: '只保留符合条件的数据项。',
    params: {
      conditions: { label: '条件', placeholder: '添加条件' },
      looseTypeValidation: {
        label: '按需转换类型',
        description: '值的类型与比较类型不同时进行转换（例如布尔比较中 "false" 或 0 会转为 false）。',
      },
      options: { label: '选项' },
      'options.ignoreCase': { label: '忽略大小写', description: '判断条件时是否忽略字母大小写' },
      'options.looseTypeValidation': {
        label: '宽松类型校验',
        description: '旧版 n8n 将此设置放在这里；与“按需转换类型”相同。',
      },
    },
    ports: { Kept: '保留', Discarded: '丢弃' },
  },
  'guixu.ftp': {
    displayName: 'FTP',
    description: '在 FTP 或 SFTP 服务器上列出、上传、下载、删除、重命名文件以及创建文件夹。',
    params: {
      protocol: { label: '协议' },
      operation: {
        label: '操作',
        options: {
          delete: { label: '删除', description: '删除文件或文件夹' },
          download: { label: '下载', description: '下载文件' },
          list: { label: '列出', description: '列出文件夹内容' },
          rename: { label: '重命名', description: '将 oldPath 重命名（移动）为 newPath' },
          upload: { label: '上传', description: '上传文件' },
          mkdir: { label: '创建文件夹', description: '创建文件夹及缺失的上级文件夹' },
        },
      },
      path: { label: '路径', description: '文件或文件夹的路径（列出操作：要列出的文件夹）' },
      oldPath: { label: '原路径' },
      newPath: { label: '新路径' },
      binaryPropertyName: {
        label: '输出文件存放字段',
        description: '存放文件的二进制字段名（下载：写入该字段；上传：从该字段读取）',
      },
      binaryData: { label: '二进制文件', description: '是否从二进制字段获取要上传的数据' },
      fileContent: { label: '文件内容', description: '要上传文件的文本内容' },
      recursive: { label: '递归', description: '是否递归返回所有目录和对象' },
      options: { label: '选项' },
      'options.folder': { label: '文件夹', description: '是否允许删除文件夹' },
      'options.recursive': { label: '递归', description: '是否删除目标目录中的所有文件和目录' },
      'options.createDirectories': {
        label: '创建目录',
        description: '重命名现有文件或文件夹时，是否递归创建目标目录',
      },
    },
  },
  'guixu.guixuApi': {
    displayName: 'GuixuFlow',
    description: '列出、读取、创建、激活和删除 GuixuFlow 实例中的工作流、执行记录和凭证。',
    params: {
      resource: { label: '资源', options: { workflow: '工作流', execution: '执行记录', credential: '凭证' } },
      operation: {
        label: '操作',
        options: {
          getAll: '获取多条',
          get: '获取',
          create: '创建',
          update: '更新',
          activate: '激活',
          deactivate: '停用',
          delete: '删除',
          getSchema: '获取结构',
        },
      },
      workflowId: { label: '工作流 ID' },
      workflowObject: { label: '工作流对象', description: 'GuixuFlow、n8n 或 Dify 的工作流文档' },
      executionId: { label: '执行记录 ID' },
      credentialId: { label: '凭证 ID' },
      name: { label: '名称', description: '新凭证的名称' },
      credentialTypeName: {
        label: '凭证类型',
        description: '凭证类型名称（GET /api/v1/credential-types 可列出全部类型）',
      },
      data: { label: '数据', description: '以 JSON 表示的凭证字段（参见“获取结构”）' },
      projectId: { label: '项目 ID', description: '创建到哪个项目；为空时：API 密钥所属用户的个人项目' },
      returnAll: { label: '返回全部' },
      limit: { label: '数量上限' },
      filters: { label: '筛选条件' },
      'filters.activeWorkflows': { label: '只返回已激活的工作流' },
      'filters.tags': { label: '标签', description: '带有此标签（名称或 ID）的工作流' },
      'filters.name': { label: '名称', description: '名称包含此文本的工作流' },
      'filters.projectId': { label: '项目 ID' },
      'filters.workflowId': { label: '工作流 ID', description: '此工作流的执行记录' },
      'filters.status': {
        label: '状态',
        options: {
          '': '任意',
          success: '成功',
          error: '错误',
          running: '运行中',
          waiting: '等待中',
          canceled: '已取消',
        },
      },
      options: { label: '选项' },
      'options.activeWorkflows': { label: '包含执行详情', description: '包含每次执行的运行数据' },
    },
  },
  'guixu.html': {
    displayName: 'HTML',
    description: '用模板生成 HTML、按 CSS 选择器从 HTML 中提取内容，或生成 HTML 表格。',
    params: {
      operation: {
        label: '操作',
        options: {
          generateHtmlTemplate: '生成 HTML 模板',
          extractHtmlContent: '提取 HTML 内容',
          convertToHtmlTable: '转换为 HTML 表格',
        },
      },
      html: {
        label: 'HTML 模板',
        description: '要渲染的 HTML 模板；{{ $json.name }} 之类的表达式会被解析。',
      },
      sourceData: {
        label: '源数据',
        description: '从二进制数据还是 JSON 数据中读取 HTML。',
        options: { binary: '二进制' },
      },
      dataPropertyName: {
        label: '输入字段',
        description: '包含待提取 HTML 的 JSON 字段名（或二进制属性名）。',
      },
      extractionValues: { label: '提取值' },
      'extractionValues.values': { label: '值' },
      'extractionValues.values.key': { label: '键', description: '保存提取值所用的键。' },
      'extractionValues.values.cssSelector': { label: 'CSS 选择器', description: '要使用的 CSS 选择器。' },
      'extractionValues.values.returnValue': {
        label: '返回值',
        options: {
          attribute: { label: '属性', description: '获取元素的某个属性值，例如 "class"' },
          html: { label: 'HTML', description: '获取元素包含的 HTML' },
          text: { label: '文本', description: '只获取元素的文本内容' },
          value: { label: '值', description: '获取 input、select 或 textarea 的值' },
        },
      },
      'extractionValues.values.attribute': { label: '属性', description: '要返回其值的属性名。' },
      'extractionValues.values.skipSelectors': {
        label: '跳过的选择器',
        description: '要从文本中排除的元素选择器，以逗号分隔。',
      },
      'extractionValues.values.returnArray': {
        label: '返回数组',
        description: '是否以列表返回所有匹配项的值（否则只返回第一个）。',
      },
      options: { label: '选项' },
      'options.trimValues': { label: '去除首尾空白', description: '是否去除开头和结尾的空白字符。' },
      'options.cleanUpText': {
        label: '清理文本',
        description: '是否合并连续空白，并去除文本中的脚本和样式。',
      },
      'options.capitalize': { label: '表头首字母大写' },
      'options.customStyling': { label: '自定义样式', description: '是否不使用默认表格样式。' },
      'options.caption': { label: '表格标题' },
      'options.tableAttributes': { label: '表格属性' },
      'options.headerAttributes': { label: '表头属性' },
      'options.rowAttributes': { label: '行属性' },
      'options.cellAttributes': { label: '单元格属性' },
    },
  },
  'guixu.httpRequest': {
    displayName: 'HTTP 请求',
    description: '向任意 URL 发送 HTTP 请求，并以 JSON、文本或文件形式返回响应。',
    params: {
      method: { label: '请求方法' },
      url: { label: 'URL' },
      authentication: {
        label: '认证方式',
        options: {
          none: '无',
          predefinedCredentialType: {
            label: '预定义凭证类型',
            description: '某个服务的凭证（Cloudflare、Slack、Notion、Google OAuth2 等）。',
          },
          genericCredentialType: '通用凭证类型',
        },
      },
      nodeCredentialType: { label: '凭证类型' },
      genericAuthType: {
        label: '通用认证类型',
        options: {
          httpBasicAuth: 'Basic 认证',
          httpHeaderAuth: 'Header 认证',
          httpQueryAuth: 'Query 认证',
          httpBearerAuth: 'Bearer 认证',
          httpDigestAuth: 'Digest 认证',
          httpCustomAuth: '自定义认证',
        },
      },
      provideSslCertificates: {
        label: 'SSL 证书',
        description: '使用“SSL 证书”凭证中的 CA 证书和/或客户端证书。',
      },
      sendQuery: { label: '发送查询参数' },
      specifyQuery: { label: '指定查询参数', options: { keypair: '使用下方字段', json: '使用 JSON' } },
      queryParameters: { label: '查询参数' },
      'queryParameters.parameters': { label: '查询参数' },
      'queryParameters.parameters.name': { label: '名称' },
      'queryParameters.parameters.value': { label: '值' },
      jsonQuery: { label: 'JSON' },
      sendHeaders: { label: '发送请求头' },
      specifyHeaders: { label: '指定请求头', options: { keypair: '使用下方字段', json: '使用 JSON' } },
      headerParameters: { label: '请求头' },
      'headerParameters.parameters': { label: '请求头' },
      'headerParameters.parameters.name': { label: '名称' },
      'headerParameters.parameters.value': { label: '值' },
      jsonHeaders: { label: 'JSON' },
      sendBody: { label: '发送请求体' },
      contentType: { label: '请求体内容类型', options: { binaryData: '二进制文件', raw: '原始' } },
      specifyBody: {
        label: '指定请求体',
        options: {
          keypair: '使用下方字段',
          json: { label: '使用 JSON', description: '仅用于 JSON 请求体' },
          string: { label: '使用单个字段', description: '仅用于 Form-urlencoded 请求体' },
        },
      },
      bodyParameters: { label: '请求体参数' },
      'bodyParameters.parameters': { label: '请求体字段' },
      'bodyParameters.parameters.parameterType': {
        label: '类型',
        options: { formBinaryData: '二进制文件', formData: '表单数据' },
      },
      'bodyParameters.parameters.name': { label: '名称' },
      'bodyParameters.parameters.value': { label: '值' },
      'bodyParameters.parameters.inputDataFieldName': {
        label: '输入数据字段名',
        description: '要上传的输入数据项二进制属性。',
      },
      jsonBody: { label: 'JSON' },
      body: { label: '请求体' },
      inputDataFieldName: { label: '输入数据字段名', description: '作为请求体发送的输入数据项二进制属性。' },
      rawContentType: { label: '内容类型' },
      options: { label: '选项', placeholder: '添加选项' },
      'options.batching': { label: '分批' },
      'options.batching.batch': { label: '分批' },
      'options.batching.batch.batchSize': {
        label: '每批数据项数',
        description: '将输入分批以限制请求频率。-1 表示不分批，0 按 1 处理。',
      },
      'options.batching.batch.batchInterval': {
        label: '批次间隔（毫秒）',
        description: '两批请求之间的间隔时间。0 表示不间隔。',
      },
      'options.allowUnauthorizedCerts': {
        label: '忽略 SSL 问题（不安全）',
        description: '接受无效或自签名的 TLS 证书。',
      },
      'options.requestUncompressedResponse': {
        label: '请求未压缩的响应',
        description: '发送 "Accept-Encoding: identity"，而不请求 gzip/deflate/br 压缩。',
      },
      'options.queryParameterArrays': {
        label: '查询参数中的数组格式',
        options: {
          repeat: { label: '不带方括号', description: '例如 foo=bar&foo=qux' },
          brackets: { label: '仅带方括号', description: '例如 foo[]=bar&foo[]=qux' },
          indices: { label: '方括号带下标', description: '例如 foo[0]=bar&foo[1]=qux' },
        },
      },
      'options.lowercaseHeaders': { label: '请求头名称转小写' },
      'options.redirect': { label: '重定向' },
      'options.redirect.redirect': { label: '重定向' },
      'options.redirect.redirect.followRedirects': { label: '跟随重定向' },
      'options.redirect.redirect.maxRedirects': { label: '最大重定向次数' },
      'options.response': { label: '响应' },
      'options.response.response': { label: '响应' },
      'options.response.response.fullResponse': {
        label: '包含响应头和状态码',
        description: '返回 { body, headers, statusCode, statusMessage }，而不只是响应体。',
      },
      'options.response.response.neverError': {
        label: '从不报错',
        description: '状态码不是 2xx 时也视为成功。',
      },
      'options.response.response.responseFormat': {
        label: '响应格式',
        options: { autodetect: '自动检测', file: '文件', text: '文本' },
      },
      'options.response.response.outputPropertyName': {
        label: '输出到字段',
        description: '接收响应的字段（文本）或二进制属性（文件）。',
      },
      'options.response.response.parseJsonText': {
        label: '解析 JSON 文本',
        description:
          '响应体是有效 JSON 时，解析后再放入字段，与 n8n HTTP Request v1–v2 的 "String" 格式行为一致。',
      },
      'options.pagination': { label: '分页' },
      'options.pagination.pagination': { label: '分页' },
      'options.pagination.pagination.paginationMode': {
        label: '分页模式',
        options: {
          off: '关闭',
          updateAParameterInEachRequest: '每次请求更新一个参数',
          responseContainsNextURL: '响应中包含下一页 URL',
        },
      },
      'options.pagination.pagination.nextURL': {
        label: '下一页 URL',
        description: '计算下一页 URL 的表达式，例如 {{ $response.body.next }}。',
      },
      'options.pagination.pagination.parameters': { label: '参数' },
      'options.pagination.pagination.parameters.parameters': { label: '参数' },
      'options.pagination.pagination.parameters.parameters.type': {
        label: '类型',
        options: { body: '请求体', headers: '请求头', qs: '查询参数' },
      },
      'options.pagination.pagination.parameters.parameters.name': { label: '名称', placeholder: '例如 page' },
      'options.pagination.pagination.parameters.parameters.value': { label: '值' },
      'options.pagination.pagination.paginationCompleteWhen': {
        label: '分页结束条件',
        options: { responseIsEmpty: '响应为空', receiveSpecificStatusCodes: '收到特定状态码', other: '其他' },
      },
      'options.pagination.pagination.statusCodesWhenComplete': {
        label: '结束时的状态码',
        description: '以逗号分隔，例如 404,410',
      },
      'options.pagination.pagination.completeExpression': {
        label: '结束条件表达式',
        description: '分页结束时结果为 true 的表达式，例如 {{ !$response.body.next }}。',
      },
      'options.pagination.pagination.limitPagesFetched': { label: '限制获取的页数' },
      'options.pagination.pagination.maxRequests': { label: '最大页数' },
      'options.pagination.pagination.requestInterval': { label: '请求间隔（毫秒）' },
      'options.proxy': { label: '代理', placeholder: '例如 http://myproxy:3128' },
      'options.timeout': { label: '超时', description: '等待响应头以及响应体每次停顿的最长毫秒数。' },
      'options.sendCredentialsOnCrossOriginRedirect': {
        label: '跨域重定向时发送凭证',
        description: '重定向到其他源时保留 Authorization 和 Cookie 请求头。',
      },
    },
  },
  'guixu.if': {
    displayName: '条件判断',
    description: '根据条件将每个数据项路由到 true 或 false 输出。',
    params: {
      conditions: { label: '条件', placeholder: '添加条件' },
      looseTypeValidation: {
        label: '按需转换类型',
        description: '值的类型与比较类型不同时进行转换（例如布尔比较中 "false" 或 0 会转为 false）。',
      },
      options: { label: '选项' },
      'options.ignoreCase': { label: '忽略大小写', description: '判断条件时是否忽略字母大小写' },
      'options.looseTypeValidation': {
        label: '宽松类型校验',
        description: '旧版 n8n 将此设置放在这里；与“按需转换类型”相同。',
      },
    },
    ports: { true: 'true', false: 'false' },
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
  'guixu.lark': {
    displayName: '飞书机器人',
    description: '通过自定义机器人向飞书群发送文本、Markdown 或消息卡片。',
    params: {
      messageType: { label: '消息类型', options: { text: '文本', interactive: '消息卡片' } },
      text: { label: '文本', description: '用 <at user_id="all">所有人</at> 来 @ 所有人' },
      title: { label: '标题' },
      markdown: { label: 'Markdown' },
      card: { label: '卡片（JSON）', description: '卡片对象：{ "header": …, "elements": […] }' },
    },
  },
  'guixu.larkTrigger': {
    displayName: '飞书触发器',
    description: '飞书应用订阅的事件（消息、审批等）每到达一个就启动工作流。',
    params: {
      path: {
        label: '路径',
        description: '/webhook/ 之后的 URL 路径；把这个 URL 作为回调地址填到开放平台。',
      },
    },
  },
  'guixu.limit': {
    displayName: '限制数量',
    description: '只保留前 N 个或后 N 个数据项。',
    params: {
      maxItems: { label: '最大数据项数', description: '数据项多于此数量时，多出的会被移除。' },
      keep: {
        label: '保留',
        description: '移除数据项时，保留开头的还是结尾的。',
        options: { firstItems: '前面的数据项', lastItems: '后面的数据项' },
      },
    },
  },
  'guixu.lmChatAnthropic': {
    displayName: 'Anthropic 对话模型',
    description: '供智能体或链使用的 Anthropic 对话模型（Claude）。',
    params: {
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
    },
    ports: { Model: '模型' },
  },
  'guixu.lmChatOpenAi': {
    displayName: 'OpenAI 对话模型',
    description: '供智能体或链使用的 OpenAI 对话模型（GPT）。',
    params: {
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
    },
    ports: { Model: '模型' },
  },
  'guixu.lmChatOpenAiCompatible': {
    displayName: '兼容 OpenAI 的对话模型',
    description:
      '任意兼容 OpenAI 接口的服务上的对话模型：DeepSeek、通义千问、豆包、硅基流动、Kimi、GLM、Ollama、vLLM、llama.cpp、LM Studio。',
    params: {
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
    },
    ports: { Model: '模型' },
  },
  'guixu.loopOverItems': {
    displayName: '循环处理数据项',
    description: '将数据项分批并逐批循环处理；全部处理完后输出所有结果。',
    params: {
      batchSize: { label: '批大小', description: '每次返回的数据项数' },
      options: { label: '选项' },
      'options.reset': {
        label: '重置',
        description: '是否将传入的数据项视为新的一组循环数据，丢弃尚未处理的数据项',
      },
    },
    ports: { done: '完成', loop: '循环' },
  },
  'guixu.manualTrigger': {
    displayName: '手动触发',
    description: '在编辑器中点击“执行工作流”或从 CLI 运行时启动工作流。',
  },
  'guixu.markdown': {
    displayName: 'Markdown',
    description: '在 Markdown 和 HTML 之间相互转换。',
    params: {
      mode: {
        label: '模式',
        options: {
          markdownToHtml: { label: 'Markdown 转 HTML', description: '将数据从 Markdown 转换为 HTML' },
          htmlToMarkdown: { label: 'HTML 转 Markdown', description: '将数据从 HTML 转换为 Markdown' },
        },
      },
      html: { label: 'HTML', description: '要转换为 Markdown 的 HTML。' },
      markdown: { label: 'Markdown', description: '要转换为 HTML 的 Markdown。' },
      destinationKey: {
        label: '目标键',
        description: '存放输出的字段。嵌套字段用点号表示，例如 "level1.level2.newKey"。',
      },
      options: { label: '选项' },
      'options.bulletMarker': { label: '列表符号', description: '指定无序列表符号，默认为 *。' },
      'options.codeFence': { label: '代码块围栏', description: '``` 或 ~~~。' },
      'options.emDelimiter': { label: '斜体分隔符' },
      'options.strongDelimiter': { label: '粗体分隔符' },
      'options.ignore': { label: '忽略的元素', description: '内容将被忽略的标签，以逗号分隔。' },
      'options.keepDataImages': { label: '保留 data 图片', description: '是否保留使用 data: URI 的图片。' },
      'options.simpleLineBreaks': { label: '启用换行', description: '单个换行符是否转为 <br>。' },
      'options.tables': {
        label: '支持表格',
        description: '是否识别 GitHub 风格的表格（以及删除线、任务列表）。',
      },
      'options.completeHTMLDocument': { label: '输出完整的 HTML 文档' },
      'options.openLinksInNewWindow': { label: '在新窗口中打开链接' },
    },
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
  'guixu.merge': {
    displayName: '合并',
    description: '合并多个输入的数据：追加、按字段连接、按位置配对、交叉连接，或选取其中一路。',
    params: {
      mode: {
        label: '模式',
        options: {
          append: { label: '追加', description: '依次输出每个输入的数据项' },
          combine: { label: '组合', description: '将匹配的数据项合并在一起' },
          chooseBranch: { label: '选择分支', description: '原样输出某个分支的数据' },
        },
      },
      combineBy: {
        label: '组合方式',
        options: {
          combineByFields: { label: '匹配字段', description: '组合字段值相同的数据项' },
          combineByPosition: { label: '位置', description: '按顺序组合数据项' },
          combineAll: { label: '所有可能的组合', description: '任意两个数据项两两配对（交叉连接）' },
        },
      },
      numberInputs: { label: '输入数量' },
      advanced: { label: '要匹配的字段名称不同' },
      fieldsToMatchString: {
        label: '要匹配的字段',
        description: '用于匹配输入数据项的字段，以逗号分隔（可用点号表示嵌套字段）',
        placeholder: '例如 id, name',
      },
      mergeByFields: { label: '要匹配的字段' },
      'mergeByFields.values': { label: '值' },
      'mergeByFields.values.field1': { label: '输入 1 字段' },
      'mergeByFields.values.field2': { label: '输入 2 字段' },
      joinMode: {
        label: '输出类型',
        options: {
          keepMatches: { label: '保留匹配项', description: '匹配的数据项合并后输出（内连接）' },
          keepNonMatches: { label: '保留不匹配项', description: '不匹配的数据项' },
          keepEverything: { label: '全部保留', description: '合并后的匹配项加上不匹配项（外连接）' },
          enrichInput1: {
            label: '补充输入 1',
            description: '输入 1 的全部数据项，补充输入 2 的数据（左连接）',
          },
          enrichInput2: {
            label: '补充输入 2',
            description: '输入 2 的全部数据项，补充输入 1 的数据（右连接）',
          },
        },
      },
      outputDataFrom: {
        label: '输出数据来自',
        options: { both: '两个输入', input1: '输入 1', input2: '输入 2' },
      },
      chooseBranchMode: { label: '输出类型', options: { waitForAll: '等待所有输入到达' } },
      output: { label: '输出', options: { specifiedInput: '指定输入的数据', empty: '单个空数据项' } },
      useDataOfInput: { label: '使用哪个输入的数据', description: '输出其数据项的输入（从 1 开始）' },
      options: { label: '选项' },
      'options.clashHandling': { label: '冲突处理' },
      'options.clashHandling.values': { label: '值' },
      'options.clashHandling.values.resolveClash': {
        label: '字段值冲突时',
        options: {
          '': '默认（优先最后一个输入）',
          addSuffix: '总是在字段名后加上输入编号',
          preferInput1: '优先输入 1 的值',
          preferLast: '优先最后一个输入的值',
          preferInput2: '优先输入 2 的值',
        },
      },
      'options.clashHandling.values.mergeMode': {
        label: '嵌套字段合并方式',
        options: {
          deepMerge: { label: '深度合并', description: '在每一层嵌套上合并' },
          shallowMerge: { label: '浅合并', description: '只合并顶层' },
        },
      },
      'options.clashHandling.values.overrideEmpty': {
        label: '尽量减少空字段',
        description: '空值（null、""）不会覆盖其他输入中的值',
      },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段',
      },
      'options.fuzzyCompare': {
        label: '模糊比较',
        description: '比较字段时是否容忍细微的类型差异（例如 "3" 等于 3）',
      },
      'options.multipleMatches': {
        label: '多个匹配项',
        options: { all: '包含所有匹配项', first: '只包含第一个匹配项' },
      },
      'options.includeUnpaired': {
        label: '包含未配对的数据项',
        description: '其他输入的相同位置上没有对应数据项时，是否保留该数据项',
      },
    },
    ports: { 'Input 1': '输入 1', 'Input 2': '输入 2' },
  },
  'guixu.mqtt': {
    displayName: 'MQTT',
    description: '向 MQTT 主题发布消息（QoS 0、1 或 2；可选保留消息）。',
    params: {
      topic: { label: '主题', description: '要发布到的主题' },
      sendInputData: { label: '发送输入数据', description: '是否将节点收到的数据以 JSON 发送' },
      message: { label: '消息', description: '要发布的消息' },
      options: { label: '选项' },
      'options.qos': {
        label: 'QoS',
        description: 'QoS 级别',
        options: { '0': '最多一次', '1': '至少一次', '2': '恰好一次' },
      },
      'options.retain': {
        label: '保留消息',
        description: '代理是否在主题上保留该消息，使之后连接的订阅者能立即收到',
      },
    },
  },
  'guixu.mqttTrigger': {
    displayName: 'MQTT 触发器',
    description: '订阅的 MQTT 主题每收到一条消息就启动工作流。',
    params: {
      topics: {
        label: '主题',
        description:
          '要订阅的主题，多个主题以逗号分隔。支持通配符（+ 匹配单层，# 匹配多层）。默认所有订阅都使用 QoS=0；如需其他 QoS，在主题后加冒号和 QoS 值，例如：topicA:1,topicB:2',
      },
      options: { label: '选项' },
      'options.jsonParseBody': { label: '按 JSON 解析消息体', description: '是否尝试将消息解析为对象' },
      'options.onlyMessage': { label: '仅消息', description: '是否只返回 message 属性' },
      'options.parallelProcessing': { label: '并行处理', description: '并行处理消息，还是按顺序逐条处理' },
    },
  },
  'guixu.mySql': {
    displayName: 'MySQL',
    description: '在 MySQL 或 MariaDB 中读取、插入、更新和删除行，或执行 SQL 查询。',
    params: {
      operation: {
        label: '操作',
        options: {
          deleteTable: { label: '删除', description: '删除整张表或表中的行' },
          executeQuery: { label: '执行 SQL', description: '执行一条 SQL 查询' },
          insert: { label: '插入', description: '向表中插入行' },
          upsert: { label: '插入或更新', description: '在表中插入或更新行' },
          select: { label: '查询', description: '从表中查询行' },
          update: { label: '更新', description: '更新表中的行' },
        },
      },
      table: { label: '表', description: '表名（n8n 的资源定位器或纯文本）。' },
      query: {
        label: 'SQL 查询',
        description:
          '要执行的 SQL。请把值放在“查询参数”中，并以 $1、$2…… 引用（MySQL 也可用 ?），不要把表达式直接写进 SQL。',
      },
      columns: {
        label: '列',
        description:
          '将每个输入字段映射到同名列（"autoMapInputData"），或在下方给出各列的值（"defineBelow"）。更新和插入或更新操作按 "matchingColumns" 匹配行。',
      },
      deleteCommand: {
        label: '命令',
        options: {
          truncate: { label: '清空', description: '只删除表中的数据，保留表结构' },
          delete: { label: '删除', description: '删除符合下方“选择行”条件的行' },
          drop: { label: '删除表', description: '永久删除表中的数据及表结构' },
        },
      },
      returnAll: { label: '返回全部', description: '返回所有结果，还是最多返回指定数量' },
      limit: { label: '数量上限', description: '返回结果的最大数量' },
      where: { label: '选择行', description: '只处理符合这些条件的行（无条件时为所有行）。' },
      'where.values': { label: '值' },
      'where.values.column': { label: '列' },
      'where.values.condition': { label: '运算符', options: { equal: '等于' } },
      'where.values.value': { label: '值' },
      combineConditions: {
        label: '条件组合方式',
        options: {
          AND: { label: 'AND', description: '只包含满足所有条件的行' },
          OR: { label: 'OR', description: '包含至少满足一个条件的行' },
        },
      },
      sort: { label: '排序' },
      'sort.values': { label: '值' },
      'sort.values.column': { label: '列' },
      'sort.values.direction': { label: '方向' },
      options: { label: '选项' },
      'options.queryReplacement': {
        label: '查询参数',
        description: '查询中 $1、$2…… 的值：以逗号分隔的文本，或返回数组的表达式（值中含逗号时使用）。',
        placeholder: '例如 value1,value2,value3',
      },
      'options.queryBatching': {
        label: '查询批处理',
        description: '多个输入数据项的语句如何执行。',
        options: {
          single: { label: '单个查询', description: '所有传入数据项共用一个事务' },
          independently: {
            label: '每个数据项独立执行',
            description: '每个数据项单独执行；一项失败不会撤销其他项',
          },
          transaction: { label: '事务', description: '所有数据项在一个事务中：一项失败则全部撤销' },
        },
      },
      'options.outputColumns': { label: '输出列', description: '要输出的列（以逗号分隔；为空时输出全部）。' },
      'options.skipOnConflict': { label: '冲突时跳过', description: '与唯一键冲突的行是跳过还是报错' },
      'options.replaceEmptyStrings': {
        label: '将空字符串替换为 NULL',
        description: '是否将空字符串写为 NULL',
      },
      'options.cascade': { label: '级联', description: '是否同时删除或清空依赖该表的对象（PostgreSQL）' },
    },
  },
  'guixu.nats': {
    displayName: 'NATS',
    description: '向 NATS 主题发布消息（可选 JetStream），或发送请求并返回回复。',
    params: {
      operation: {
        label: '操作',
        options: {
          publish: { label: '发布', description: '向主题发布一条消息' },
          request: { label: '请求', description: '发送请求并等待回复' },
        },
      },
      subject: { label: '主题' },
      sendInputData: { label: '发送输入数据', description: '是否将节点收到的数据以 JSON 发送' },
      message: { label: '消息', description: '要发送的消息' },
      options: { label: '选项' },
      'options.headers': { label: '消息头' },
      'options.headers.header': { label: '消息头' },
      'options.headers.header.key': { label: '键' },
      'options.headers.header.value': { label: '值' },
      'options.jetStream': { label: 'JetStream', description: '是否通过 JetStream 发布，并等待流存储该消息' },
      'options.timeout': { label: '超时', description: '等待回复（或 JetStream 确认）的毫秒数' },
      'options.jsonParseResponse': { label: '按 JSON 解析回复', description: '是否将回复解析为 JSON' },
    },
  },
  'guixu.natsTrigger': {
    displayName: 'NATS 触发器',
    description: 'NATS 主题或 JetStream 消费者每收到一条消息就启动工作流。',
    params: {
      mode: {
        label: '模式',
        options: {
          subscription: { label: '订阅', description: 'Core NATS：监听期间发送的消息' },
          jetStream: { label: 'JetStream 消费者', description: '已存储的消息，成功处理后确认' },
        },
      },
      subject: {
        label: '主题',
        description:
          '要监听的主题（支持通配符 * 和 >）；JetStream 模式下为消费者的过滤主题（为空时：整个流）',
      },
      queueGroup: { label: '队列组', description: '与该组的其他成员分担消息' },
      stream: { label: '流' },
      consumer: { label: '持久消费者', description: '持久消费者的名称（不存在时自动创建）' },
      options: { label: '选项' },
      'options.jsonParseBody': { label: '按 JSON 解析消息体', description: '是否将数据解析为 JSON' },
      'options.onlyMessage': { label: '仅消息', description: '是否只返回数据' },
      'options.deliverNew': {
        label: '新消费者从新消息开始',
        description: '触发器创建的消费者是否跳过流中已有的消息',
      },
      'options.maxMessages': { label: '最大在途消息数' },
    },
  },
  'guixu.noOp': {
    displayName: '无操作',
    description: '原样传出输入的数据项。可用作占位或汇合点。',
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
  'guixu.placeholder': {
    displayName: '占位节点',
    description: '保留 GuixuFlow 暂时无法运行的导入节点，连同其原始类型和参数。',
    params: {
      originalType: { label: '原始类型' },
      originalTypeVersion: { label: '原始类型版本' },
      originalParameters: { label: '原始参数' },
      reason: { label: '未能映射的原因' },
      ports: { label: '端口', description: '原始节点的输入和输出，按连接类型列出' },
    },
  },
  'guixu.postgres': {
    displayName: 'Postgres',
    description: '在 PostgreSQL 中读取、插入、更新和删除行，或执行 SQL 查询。',
    params: {
      operation: {
        label: '操作',
        options: {
          deleteTable: { label: '删除', description: '删除整张表或表中的行' },
          executeQuery: { label: '执行 SQL', description: '执行一条 SQL 查询' },
          insert: { label: '插入', description: '向表中插入行' },
          upsert: { label: '插入或更新', description: '在表中插入或更新行' },
          select: { label: '查询', description: '从表中查询行' },
          update: { label: '更新', description: '更新表中的行' },
        },
      },
      schema: { label: '模式（Schema）', description: '模式名（n8n 的资源定位器或纯文本）。' },
      table: { label: '表', description: '表名（n8n 的资源定位器或纯文本）。' },
      query: {
        label: 'SQL 查询',
        description:
          '要执行的 SQL。请把值放在“查询参数”中，并以 $1、$2…… 引用（MySQL 也可用 ?），不要把表达式直接写进 SQL。',
      },
      columns: {
        label: '列',
        description:
          '将每个输入字段映射到同名列（"autoMapInputData"），或在下方给出各列的值（"defineBelow"）。更新和插入或更新操作按 "matchingColumns" 匹配行。',
      },
      deleteCommand: {
        label: '命令',
        options: {
          truncate: { label: '清空', description: '只删除表中的数据，保留表结构' },
          delete: { label: '删除', description: '删除符合下方“选择行”条件的行' },
          drop: { label: '删除表', description: '永久删除表中的数据及表结构' },
        },
      },
      returnAll: { label: '返回全部', description: '返回所有结果，还是最多返回指定数量' },
      limit: { label: '数量上限', description: '返回结果的最大数量' },
      where: { label: '选择行', description: '只处理符合这些条件的行（无条件时为所有行）。' },
      'where.values': { label: '值' },
      'where.values.column': { label: '列' },
      'where.values.condition': { label: '运算符', options: { equal: '等于' } },
      'where.values.value': { label: '值' },
      combineConditions: {
        label: '条件组合方式',
        options: {
          AND: { label: 'AND', description: '只包含满足所有条件的行' },
          OR: { label: 'OR', description: '包含至少满足一个条件的行' },
        },
      },
      sort: { label: '排序' },
      'sort.values': { label: '值' },
      'sort.values.column': { label: '列' },
      'sort.values.direction': { label: '方向' },
      options: { label: '选项' },
      'options.queryReplacement': {
        label: '查询参数',
        description: '查询中 $1、$2…… 的值：以逗号分隔的文本，或返回数组的表达式（值中含逗号时使用）。',
        placeholder: '例如 value1,value2,value3',
      },
      'options.queryBatching': {
        label: '查询批处理',
        description: '多个输入数据项的语句如何执行。',
        options: {
          single: { label: '单个查询', description: '所有传入数据项共用一个事务' },
          independently: {
            label: '每个数据项独立执行',
            description: '每个数据项单独执行；一项失败不会撤销其他项',
          },
          transaction: { label: '事务', description: '所有数据项在一个事务中：一项失败则全部撤销' },
        },
      },
      'options.outputColumns': { label: '输出列', description: '要输出的列（以逗号分隔；为空时输出全部）。' },
      'options.skipOnConflict': { label: '冲突时跳过', description: '与唯一键冲突的行是跳过还是报错' },
      'options.replaceEmptyStrings': {
        label: '将空字符串替换为 NULL',
        description: '是否将空字符串写为 NULL',
      },
      'options.cascade': { label: '级联', description: '是否同时删除或清空依赖该表的对象（PostgreSQL）' },
      restartSequences: { label: '重置序列', description: '是否重置标识（自增）列（如有）' },
    },
  },
  'guixu.rabbitmq': {
    displayName: 'RabbitMQ',
    description: '向 RabbitMQ 队列或交换机发送消息。',
    params: {
      operation: {
        label: '操作',
        options: { sendMessage: '向 RabbitMQ 发送消息', deleteMessage: '从队列中删除' },
      },
      deleteMessage: { label: '原样传出数据项：RabbitMQ 触发器按其“何时从队列删除”选项确认消息' },
      mode: {
        label: '模式',
        description: '数据要发送到哪里',
        options: {
          queue: { label: '队列', description: '将数据发布到队列' },
          exchange: { label: '交换机', description: '将数据发布到交换机' },
        },
      },
      queue: { label: '队列 / 主题', description: '要发布到的队列名称' },
      exchange: { label: '交换机', description: '要发布到的交换机名称' },
      exchangeType: {
        label: '类型',
        description: '交换机类型',
        options: {
          direct: { label: 'Direct', description: 'Direct 类型交换机' },
          topic: { label: 'Topic', description: 'Topic 类型交换机' },
          headers: { label: 'Headers', description: 'Headers 类型交换机' },
          fanout: { label: 'Fanout', description: 'Fanout 类型交换机' },
        },
      },
      routingKey: { label: '路由键', description: '消息的路由键' },
      sendInputData: { label: '发送输入数据', description: '是否将节点收到的数据以 JSON 发送' },
      message: { label: '消息', description: '要发送的消息' },
      options: { label: '选项' },
      'options.alternateExchange': {
        label: '备用交换机',
        description: '当前交换机无法将消息路由到任何队列时，消息转发到的交换机',
      },
      'options.arguments': {
        label: '参数',
        description: '要添加的参数（队列或交换机参数，例如 x-message-ttl）',
      },
      'options.arguments.argument': { label: '参数' },
      'options.arguments.argument.key': { label: '键' },
      'options.arguments.argument.value': { label: '值' },
      'options.autoDelete': { label: '自动删除队列', description: '消费者数量降为零时是否删除队列' },
      'options.assertExchange': {
        label: '确认交换机存在',
        description: '发送前是否确认交换机存在（不存在则创建）',
      },
      'options.assertQueue': { label: '确认队列存在', description: '发送前是否确认队列存在（不存在则创建）' },
      'options.durable': { label: '持久化', description: '队列是否在代理重启后保留' },
      'options.exclusive': { label: '排他', description: '队列是否仅限当前连接使用' },
      'options.headers': { label: '消息头', description: '要添加的消息头' },
      'options.headers.header': { label: '消息头' },
      'options.headers.header.key': { label: '键' },
      'options.headers.header.value': { label: '值' },
    },
  },
  'guixu.rabbitmqTrigger': {
    displayName: 'RabbitMQ 触发器',
    description: '从 RabbitMQ 队列每消费一条消息就启动工作流。',
    params: {
      queue: { label: '队列 / 主题', description: '要读取的队列名称' },
      options: { label: '选项' },
      'options.arguments': {
        label: '参数',
        description: '要添加的参数（队列或交换机参数，例如 x-message-ttl）',
      },
      'options.arguments.argument': { label: '参数' },
      'options.arguments.argument.key': { label: '键' },
      'options.arguments.argument.value': { label: '值' },
      'options.autoDelete': { label: '自动删除队列', description: '消费者数量降为零时是否删除队列' },
      'options.assertExchange': {
        label: '确认交换机存在',
        description: '发送前是否确认交换机存在（不存在则创建）',
      },
      'options.assertQueue': { label: '确认队列存在', description: '发送前是否确认队列存在（不存在则创建）' },
      'options.durable': { label: '持久化', description: '队列是否在代理重启后保留' },
      'options.exclusive': { label: '排他', description: '队列是否仅限当前连接使用' },
      'options.binding': { label: '绑定', description: '要绑定队列的交换机' },
      'options.binding.bindings': { label: '绑定' },
      'options.binding.bindings.exchange': { label: '交换机' },
      'options.binding.bindings.routingKey': { label: '路由键' },
      'options.contentIsBinary': { label: '内容为二进制', description: '是否将内容保存为二进制数据' },
      'options.acknowledge': {
        label: '何时从队列删除',
        description: '何时确认消息',
        options: {
          executionFinishes: { label: '执行结束时', description: '工作流执行结束后，无论执行成功与否。' },
          executionFinishesSuccessfully: { label: '执行成功结束时', description: '工作流执行成功结束后' },
          immediately: { label: '立即', description: '一收到消息就确认' },
          laterMessageNode: { label: '在工作流后续步骤中指定', description: '与“执行成功结束时”一样确认' },
        },
      },
      'options.headers': { label: '消息头', description: '要添加的消息头' },
      'options.headers.header': { label: '消息头' },
      'options.headers.header.key': { label: '键' },
      'options.headers.header.value': { label: '值' },
      'options.jsonParseBody': { label: '按 JSON 解析消息体', description: '是否将消息体解析为对象' },
      'options.onlyContent': { label: '仅内容', description: '是否只返回 content 属性' },
      'options.parallelMessages': {
        label: '并行处理消息上限',
        description: '同时进行的最大执行数（即通道的 prefetch）。-1 表示不限制。',
      },
    },
  },
  'guixu.readWriteFile': {
    displayName: '读写磁盘文件',
    description: '从服务器的文件目录读取文件，或向其中写入文件。',
    params: {
      operation: {
        label: '操作',
        options: {
          read: { label: '从磁盘读取文件', description: '读取一个或多个文件' },
          write: { label: '将文件写入磁盘', description: '在磁盘上创建二进制文件' },
        },
      },
      fileSelector: {
        label: '文件选择器',
        description: '文件目录内的路径或 glob 模式，例如 reports/*.csv。',
        placeholder: '例如 reports/**/*.csv',
      },
      fileName: {
        label: '文件路径和名称',
        description: '要写入的文件在文件目录内的路径。',
        placeholder: '例如 reports/out.csv',
      },
      dataPropertyName: { label: '输入二进制字段', description: '包含待写入文件的输入二进制字段名。' },
      options: { label: '选项' },
      'options.append': { label: '追加', description: '是否追加到已有文件末尾。' },
      'options.fileExtension': { label: '文件扩展名', description: '输出二进制数据中文件的扩展名。' },
      'options.fileName': { label: '文件名', description: '输出二进制数据中文件的名称。' },
      'options.mimeType': {
        label: 'MIME 类型',
        description: '输出二进制数据中文件的 MIME 类型（为空时根据文件名判断）。',
      },
      'options.dataPropertyName': { label: '输出文件存放字段', description: '存放文件的输出二进制字段名。' },
    },
  },
  'guixu.redis': {
    displayName: 'Redis',
    description: '读取、设置、删除和递增键，列出键，对列表推入和弹出，发布消息。',
    params: {
      operation: {
        label: '操作',
        options: {
          delete: { label: '删除', description: '从 Redis 删除一个键' },
          get: { label: '获取', description: '从 Redis 获取某个键的值' },
          incr: { label: '递增', description: '将键的值原子地加 1。键不存在时会创建。' },
          info: { label: '信息', description: '返回 Redis 实例的基本信息' },
          keys: { label: '列出键', description: '返回匹配某个模式的所有键' },
          pop: { label: '弹出', description: '从 Redis 列表弹出数据' },
          publish: { label: '发布', description: '向 Redis 频道发布消息' },
          push: { label: '推入', description: '向 Redis 列表推入数据' },
          set: { label: '设置', description: '设置 Redis 中某个键的值' },
        },
      },
      propertyName: {
        label: '字段名',
        description: '写入值的字段名。支持点号表示法，例如 "data.person[0].name"。',
      },
      key: { label: '键', description: '键名' },
      keyType: {
        label: '键类型',
        description: '键的类型',
        options: {
          automatic: { label: '自动', description: '先查询类型再获取数据（较慢）' },
          hash: { label: '哈希', description: "键中数据的类型为 'hash'" },
          string: { label: '字符串', description: "键中数据的类型为 'string'" },
          list: { label: '列表', description: "键中数据的类型为 'list'" },
          sets: { label: '集合', description: "键中数据的类型为 'sets'" },
        },
      },
      value: { label: '值', description: '要写入的值（表达式可以为 hash 提供对象，为 list 提供数组）' },
      valueIsJSON: { label: '值为 JSON', description: '值是 JSON 还是键值对' },
      expire: { label: '设置过期', description: '是否为键设置过期时间' },
      ttl: { label: 'TTL', description: '键过期前的秒数' },
      keyPattern: { label: '键模式', description: '要返回的键所匹配的模式' },
      getValues: { label: '获取值', description: '是否获取匹配键的值' },
      channel: { label: '频道', description: '频道名称' },
      list: { label: '列表', description: 'Redis 中列表的名称' },
      messageData: { label: '数据', description: '要发布的数据' },
      tail: { label: '从尾部操作', description: '是否从列表尾部推入或弹出数据' },
      options: { label: '选项' },
      'options.dotNotation': {
        label: '点号表示法',
        description: '带点号的“名称”是否写入嵌套字段（否则键名就是字面上的 "a.b"）',
      },
    },
  },
  'guixu.redisTrigger': {
    displayName: 'Redis 触发器',
    description: 'Redis 频道收到发布的消息，或 Redis 流中新增条目时启动工作流。',
    params: {
      triggerOn: {
        label: '触发时机',
        options: {
          message: { label: 'Pub/Sub 消息', description: '发布到频道的消息' },
          streamEntry: { label: '流条目', description: '添加到流中的条目（消费者组）' },
        },
      },
      channels: { label: '频道', description: '要订阅的频道，多个频道以逗号分隔。支持通配符（*）' },
      stream: { label: '流', description: '流的键' },
      group: { label: '消费者组', description: '不存在时自动创建' },
      consumer: { label: '消费者名称', description: '本消费者在组中的名称' },
      options: { label: '选项' },
      'options.jsonParseBody': { label: '按 JSON 解析消息体', description: '是否尝试将消息解析为对象' },
      'options.onlyMessage': { label: '仅消息', description: '是否只返回 message 属性' },
      'options.startFrom': {
        label: '新消费者组的起始位置',
        description: '触发器创建的消费者组从哪里开始读取',
        options: { end: '仅新条目', start: '流的开头' },
      },
      'options.batchSize': { label: '批大小', description: '每次读取的条目数；同时最多运行这么多次执行' },
    },
  },
  'guixu.removeDuplicates': {
    displayName: '去除重复项',
    description: '移除字段与之前数据项重复的数据项。',
    params: {
      operation: {
        label: '操作',
        options: {
          removeDuplicateInputItems: {
            label: '移除当前输入中重复的数据项',
            description: '从传入的数据项中移除重复项',
          },
        },
      },
      compare: {
        label: '比较',
        description: '要比较输入数据项的哪些字段来判断是否相同。',
        options: {
          allFields: '所有字段',
          allFieldsExcept: '除以下字段外的所有字段',
          selectedFields: '选定字段',
        },
      },
      fieldsToExclude: {
        label: '要排除的字段',
        description: '不参与比较的字段，以逗号分隔。',
        placeholder: '例如 email, name',
      },
      fieldsToCompare: {
        label: '要比较的字段',
        description: '要比较的字段，以逗号分隔。',
        placeholder: '例如 email, name',
      },
      options: { label: '选项' },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段。',
      },
      'options.removeOtherFields': { label: '移除其他字段', description: '是否移除所有不参与比较的字段。' },
    },
  },
  'guixu.renameKeys': {
    displayName: '重命名键',
    description: '重命名每个数据项的字段。',
    params: {
      keys: { label: '键' },
      'keys.key': { label: '键' },
      'keys.key.currentKey': {
        label: '当前键名',
        description: '键的当前名称（可使用 "level1.level2.currentKey" 这样的点号表示法）。',
      },
      'keys.key.newKey': { label: '新键名', description: '键的新名称（可使用点号表示法）。' },
      additionalOptions: { label: '附加选项' },
      'additionalOptions.regexReplacement': { label: '正则表达式' },
      'additionalOptions.regexReplacement.replacements': { label: '替换规则' },
      'additionalOptions.regexReplacement.replacements.searchRegex': {
        label: '正则表达式',
        description: '匹配键名的正则表达式。',
        placeholder: '例如 [N-n]ame',
      },
      'additionalOptions.regexReplacement.replacements.replaceRegex': {
        label: '替换为',
        description: '新的键名；可使用 $1、$2 等正则捕获组。',
      },
      'additionalOptions.regexReplacement.replacements.options': { label: '选项' },
      'additionalOptions.regexReplacement.replacements.options.caseInsensitive': { label: '忽略大小写' },
      'additionalOptions.regexReplacement.replacements.options.depth': {
        label: '最大深度',
        description: '替换键的最大深度（-1 表示不限，0 表示只替换顶层）。',
      },
    },
  },
  'guixu.respondToWebhook': {
    displayName: '响应 Webhook',
    description: '为“响应方式”设为“使用响应 Webhook 节点”的 Webhook 发送 HTTP 响应。',
    params: {
      respondWith: {
        label: '响应内容',
        options: {
          allIncomingItems: { label: '所有传入的数据项', description: '包含每个数据项的 JSON 数组' },
          binary: { label: '二进制文件', description: '第一个数据项的某个二进制属性' },
          firstIncomingItem: { label: '第一个传入的数据项', description: '第一个数据项的 JSON' },
          json: { label: 'JSON', description: '你编写的 JSON 响应体' },
          noData: { label: '无数据', description: '空响应体' },
          redirect: { label: '重定向', description: '重定向到某个 URL' },
          text: { label: '文本', description: '你编写的文本响应体' },
        },
      },
      redirectURL: { label: '重定向 URL', placeholder: '例如 http://www.example.com' },
      responseBody: { label: '响应体', description: '响应体：选 “JSON” 时填 JSON，选“文本”时填纯文本' },
      responseDataSource: {
        label: '响应数据来源',
        options: {
          automatically: { label: '从输入中自动选择', description: '第一个二进制属性' },
          set: '手动指定',
        },
      },
      inputFieldName: { label: '输入字段名', description: '存放文件的二进制属性名' },
      options: { label: '选项' },
      'options.responseCode': { label: '响应状态码' },
      'options.responseHeaders': { label: '响应头' },
      'options.responseHeaders.entries': { label: '条目' },
      'options.responseHeaders.entries.name': { label: '名称' },
      'options.responseHeaders.entries.value': { label: '值' },
      'options.responseKey': {
        label: '将响应放入字段',
        description: '将响应 JSON 包装在对象中，放在此字段名下',
        placeholder: '例如 data',
      },
    },
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
  'guixu.rssFeedRead': {
    displayName: '读取 RSS',
    description: '读取 RSS 或 Atom 订阅源中的条目。',
    params: {
      url: { label: 'URL', description: 'RSS 或 Atom 订阅源的 URL' },
      options: { label: '选项' },
      'options.customFields': {
        label: '自定义字段',
        description: '要额外包含的条目字段，以逗号分隔，例如 "author, contributor"',
      },
      'options.ignoreSSL': { label: '忽略 SSL 问题', description: '无法验证 TLS 证书时是否仍读取订阅源' },
    },
  },
  'guixu.scheduleTrigger': {
    displayName: '定时触发',
    description: '按计划启动工作流：每隔 N 秒/分钟/小时/天/周/月，或按 cron 表达式。',
    params: {
      rule: { label: '触发规则' },
      'rule.interval': { label: '触发间隔' },
      'rule.interval.field': {
        label: '触发间隔',
        options: {
          seconds: '秒',
          minutes: '分钟',
          hours: '小时',
          days: '天',
          weeks: '周',
          months: '月',
          cronExpression: '自定义（cron）',
        },
      },
      'rule.interval.secondsInterval': { label: '触发间隔（秒）' },
      'rule.interval.minutesInterval': { label: '触发间隔（分钟）' },
      'rule.interval.hoursInterval': { label: '触发间隔（小时）' },
      'rule.interval.daysInterval': { label: '触发间隔（天）' },
      'rule.interval.weeksInterval': { label: '触发间隔（周）' },
      'rule.interval.monthsInterval': { label: '触发间隔（月）' },
      'rule.interval.triggerAtDayOfMonth': { label: '每月第几天触发' },
      'rule.interval.triggerAtDay': {
        label: '在星期几触发',
        options: {
          '0': '星期日',
          '1': '星期一',
          '2': '星期二',
          '3': '星期三',
          '4': '星期四',
          '5': '星期五',
          '6': '星期六',
        },
      },
      'rule.interval.triggerAtHour': {
        label: '触发时刻（小时）',
        options: {
          '0': '午夜 0 点',
          '1': '凌晨 1 点',
          '2': '凌晨 2 点',
          '3': '凌晨 3 点',
          '4': '凌晨 4 点',
          '5': '凌晨 5 点',
          '6': '早上 6 点',
          '7': '早上 7 点',
          '8': '上午 8 点',
          '9': '上午 9 点',
          '10': '上午 10 点',
          '11': '上午 11 点',
          '12': '中午 12 点',
          '13': '下午 1 点',
          '14': '下午 2 点',
          '15': '下午 3 点',
          '16': '下午 4 点',
          '17': '下午 5 点',
          '18': '晚上 6 点',
          '19': '晚上 7 点',
          '20': '晚上 8 点',
          '21': '晚上 9 点',
          '22': '晚上 10 点',
          '23': '晚上 11 点',
        },
      },
      'rule.interval.triggerAtMinute': { label: '触发时刻（分钟）' },
      'rule.interval.expression': { label: '表达式', placeholder: '例如 0 15 * 1 sun' },
    },
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
  'guixu.set': {
    displayName: '编辑字段（Set）',
    description: '添加、修改或移除每个数据项的字段。',
    params: {
      mode: {
        label: '模式',
        options: {
          manual: { label: '手动映射', description: '逐个编辑数据项字段' },
          raw: { label: 'JSON', description: '用 JSON 自定义数据项输出' },
        },
      },
      assignments: {
        label: '要设置的字段',
        description: '要添加或修改的字段，每个字段包含名称（可使用点号表示法）、类型和值。',
      },
      jsonOutput: {
        label: 'JSON 输出',
        description: '一个 JSON 对象，其字段会设置到数据项上。其中的 `{{ }}` 表达式会先被解析。',
      },
      includeOtherFields: {
        label: '包含其他输入字段',
        description: '是否将输入字段连同此处设置的字段一起传到输出。',
      },
      include: {
        label: '要包含的输入字段',
        options: { all: '全部', selected: '选定字段', except: '除指定字段外的全部' },
      },
      includeFields: {
        label: '要包含的字段',
        description: '要保留的输入字段列表，以逗号分隔。',
        placeholder: '例如 fieldToInclude1,fieldToInclude2',
      },
      excludeFields: {
        label: '要排除的字段',
        description: '要丢弃的输入字段列表，以逗号分隔。',
        placeholder: '例如 fieldToExclude1,fieldToExclude2',
      },
      options: { label: '选项' },
      'options.dotNotation': {
        label: '支持点号表示法',
        description: '字段名中的 `a.b` 是否表示设置 `a` 中的 `b`（否则键名就是字面上的 `a.b`）。',
      },
      'options.ignoreConversionErrors': {
        label: '忽略类型转换错误',
        description: '无法转换为字段类型的值是否原样保留。',
      },
      'options.includeBinary': { label: '包含二进制文件', description: '是否总是传出输入的二进制数据。' },
      'options.stripBinary': {
        label: '去除二进制数据',
        description: '包含其他输入字段时，是否丢弃输入的二进制数据。',
      },
    },
  },
  'guixu.sort': {
    displayName: '排序',
    description: '按字段、随机或用代码比较函数调整数据项的顺序。',
    params: {
      type: { label: '类型', options: { simple: '简单', random: '随机', code: '代码' } },
      sortFieldsUi: { label: '排序字段' },
      'sortFieldsUi.sortField': { label: '排序字段' },
      'sortFieldsUi.sortField.fieldName': { label: '字段名' },
      'sortFieldsUi.sortField.order': { label: '顺序', options: { ascending: '升序', descending: '降序' } },
      code: { label: '代码', description: '比较数据项 `a` 和 `b` 的函数体；返回负数、零或正数。' },
      options: { label: '选项' },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段。',
      },
    },
  },
  'guixu.splitOut': {
    displayName: '拆分列表',
    description: '将数据项中的列表拆分为多个独立的数据项。',
    params: {
      fieldToSplitOut: {
        label: '要拆分的字段',
        description: '要拆分为独立数据项的输入字段名（以逗号分隔）。',
        placeholder: '从左侧拖入字段或输入字段名',
      },
      include: {
        label: '包含',
        description: '是否将其他字段复制到新数据项中。',
        options: {
          noOtherFields: '不包含其他字段',
          allOtherFields: '所有其他字段',
          selectedOtherFields: '选定的其他字段',
        },
      },
      fieldsToInclude: {
        label: '要包含的字段',
        description: '要复制到每个新数据项的输入字段，以逗号分隔。',
        placeholder: '例如 email, name',
      },
      options: { label: '选项' },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段。',
      },
      'options.destinationFieldName': {
        label: '目标字段名',
        description: '输出中存放拆分后字段内容的字段（以逗号分隔）。',
      },
      'options.includeBinary': { label: '包含二进制数据', description: '是否在新数据项中包含二进制数据。' },
    },
  },
  'guixu.ssh': {
    displayName: 'SSH',
    description: '通过 SSH 在服务器上运行命令，并上传或下载文件。',
    params: {
      authentication: { label: '认证方式', options: { password: '密码', privateKey: '私钥' } },
      resource: { label: '资源', options: { command: '命令', file: '文件' } },
      operation: {
        label: '操作',
        options: {
          execute: { label: '执行', description: '执行一条命令' },
          download: { label: '下载', description: '下载文件' },
          upload: { label: '上传', description: '上传文件' },
        },
      },
      command: { label: '命令', description: '要在远程设备上执行的命令' },
      cwd: { label: '工作目录' },
      binaryPropertyName: { label: '输入二进制字段', description: '包含待上传文件的输入二进制字段名' },
      path: {
        label: '目标目录',
        description: '上传：文件要上传到的目录（文件名保持不变）。下载：要下载的文件路径。',
      },
      options: { label: '选项' },
      'options.fileName': { label: '文件名', description: '覆盖二进制数据的文件名' },
    },
  },
  'guixu.stickyNote': {
    displayName: '便签',
    description: '画布上的便签。没有输入和输出，也不会运行。',
    params: {
      content: { label: '内容' },
      height: { label: '高度' },
      width: { label: '宽度' },
      color: { label: '颜色' },
    },
  },
  'guixu.stopAndError': {
    displayName: '停止并报错',
    description: '以自定义错误停止工作流（随后运行错误处理工作流，如有）。',
    params: {
      errorType: {
        label: '错误类型',
        options: {
          errorMessage: '错误消息',
          errorObject: { label: '错误对象', description: '包含 message、description 等的 JSON 对象' },
        },
      },
      errorMessage: { label: '错误消息' },
      errorObject: { label: '错误对象', description: '至少包含 "message" 的 JSON；其他字段作为错误详情保留' },
    },
  },
  'guixu.summarize': {
    displayName: '汇总',
    description: '跨数据项对字段值求和、计数、求平均、拼接等，可按组汇总。',
    params: {
      fieldsToSummarize: { label: '要汇总的字段' },
      'fieldsToSummarize.values': { label: '字段' },
      'fieldsToSummarize.values.aggregation': {
        label: '汇总方式',
        options: {
          append: '追加',
          average: '平均值',
          concatenate: '拼接',
          count: '计数',
          countUnique: '去重计数',
          max: '最大值',
          min: '最小值',
          sum: '求和',
        },
      },
      'fieldsToSummarize.values.field': {
        label: '字段',
        description: '要汇总的输入字段。',
        placeholder: '例如 cost',
      },
      'fieldsToSummarize.values.includeEmpty': { label: '包含空值' },
      'fieldsToSummarize.values.separateBy': {
        label: '分隔符',
        options: { ',': '逗号', ', ': '逗号加空格', '\n': '换行', '': '无', ' ': '空格', other: '其他' },
      },
      'fieldsToSummarize.values.customSeparator': { label: '自定义分隔符' },
      fieldsToSplitBy: {
        label: '分组字段',
        description: '用于对汇总结果分组的输入字段，以逗号分隔。',
        placeholder: '例如 country, city',
      },
      options: { label: '选项' },
      'options.continueIfFieldNotFound': {
        label: '字段不存在时继续',
        description: '为兼容导入的工作流而保留：在此版本中，字段缺失只会添加一条提示。',
      },
      'options.disableDotNotation': {
        label: '禁用点号表示法',
        description: '是否禁止在字段名中用 `parent.child` 引用子字段。',
      },
      'options.outputFormat': {
        label: '输出格式',
        options: { separateItems: '每个分组一个数据项', singleItem: '所有分组放在一个数据项中' },
      },
      'options.skipEmptySplitFields': { label: '忽略没有有效分组字段的数据项' },
    },
  },
  'guixu.switch': {
    displayName: '多路分支',
    description: '按规则或表达式将数据项路由到不同的输出。',
    params: {
      mode: {
        label: '模式',
        options: {
          rules: { label: '规则', description: '为每个输出设置一条匹配规则' },
          expression: { label: '表达式', description: '编写返回输出序号的表达式' },
        },
      },
      numberOutputs: { label: '输出数量' },
      output: { label: '输出序号', description: '数据项要发送到的输出（从 0 开始）；通常使用表达式。' },
      rules: { label: '路由规则' },
      'rules.values': { label: '值' },
      'rules.values.conditions': { label: '条件' },
      'rules.values.renameOutput': { label: '重命名输出' },
      'rules.values.outputKey': { label: '输出名称', description: '规则将匹配的数据项发送到的输出名称' },
      looseTypeValidation: {
        label: '按需转换类型',
        description: '值的类型与比较类型不同时进行转换（例如布尔比较中 "false" 或 0 会转为 false）。',
      },
      options: { label: '选项' },
      'options.fallbackOutput': {
        label: '兜底输出',
        description:
          '不匹配任何规则的数据项去向：丢弃（"none"）、额外的输出（"extra"），或第 N 条规则的输出（从 0 开始）。',
      },
      'options.ignoreCase': { label: '忽略大小写' },
      'options.looseTypeValidation': { label: '宽松类型校验' },
      'options.renameFallbackOutput': { label: '重命名兜底输出', placeholder: '例如 Fallback' },
      'options.allMatchingOutputs': {
        label: '发送到所有匹配的输出',
        description: '是否将数据项发送到每个规则匹配的输出（而不只是第一个）',
      },
    },
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
  'guixu.wait': {
    displayName: '等待',
    description: '暂停执行一段时间、直到某个时间，或直到收到 Webhook 调用或表单提交。',
    params: {
      resume: {
        label: '恢复方式',
        options: {
          timeInterval: { label: '等待一段时间后', description: '等待一定时长' },
          specificTime: { label: '在指定时间', description: '等待到某个日期和时间' },
          webhook: { label: '收到 Webhook 调用时', description: '等待对 $execution.resumeUrl 的调用' },
          form: { label: '表单提交时', description: '等待表单提交' },
        },
      },
      amount: { label: '等待时长' },
      unit: { label: '等待单位', options: { seconds: '秒', minutes: '分钟', hours: '小时', days: '天' } },
      dateTime: { label: '日期和时间', description: '何时继续（除非值中带时区偏移，否则按工作流时区）' },
      httpMethod: { label: 'HTTP 方法' },
      incomingAuthentication: {
        label: '认证方式',
        options: { none: '无', basicAuth: 'Basic 认证', headerAuth: 'Header 认证', jwtAuth: 'JWT 认证' },
      },
      responseMode: {
        label: '响应方式',
        options: {
          onReceived: { label: '立即', description: '该节点一运行就响应' },
          lastNode: { label: '最后一个节点完成时', description: '返回最后运行节点的数据' },
          responseNode: { label: '使用“响应 Webhook”节点', description: '响应内容在该节点中定义' },
        },
      },
      responseCode: { label: '响应状态码' },
      formTitle: { label: '表单标题' },
      formDescription: { label: '表单描述' },
      formFields: {
        label: '表单字段',
        description:
          '表单字段，格式与表单触发器相同（例如 [{"fieldLabel": "Approved", "fieldType": "dropdown", …}]）',
      },
      limitWaitTime: { label: '限制等待时间', description: '一段时间内无人调用时是否照常继续' },
      limitType: {
        label: '限制方式',
        options: { afterTimeInterval: '等待一段时间后', atSpecifiedTime: '在指定时间' },
      },
      resumeAmount: { label: '时长' },
      resumeUnit: { label: '单位', options: { seconds: '秒', minutes: '分钟', hours: '小时', days: '天' } },
      maxDateAndTime: { label: '最晚日期和时间' },
      options: { label: '选项' },
      'options.webhookSuffix': { label: 'Webhook 后缀', description: '追加到恢复 URL 之后' },
      'options.binaryPropertyName': {
        label: '二进制数据字段名',
        description: '不解析上传的请求体，而是以此名称保存为二进制数据',
      },
      'options.ignoreBots': { label: '忽略机器人', description: '忽略链接预览程序和爬虫' },
      'options.ipWhitelist': {
        label: 'IP 白名单',
        description: '允许调用的 IP 地址，以逗号分隔；为空时允许所有地址',
      },
      'options.rawBody': { label: '原始请求体', description: '不解析请求体，按二进制保留' },
    },
  },
  'guixu.webhook': {
    displayName: 'Webhook',
    description: '当其 URL 收到 HTTP 请求时启动工作流。',
    params: {
      multipleMethods: { label: '允许多个 HTTP 方法', description: '是否接受多种 HTTP 方法' },
      httpMethod: { label: 'HTTP 方法', description: '要监听的方法；开启“允许多个 HTTP 方法”时为列表。' },
      path: {
        label: '路径',
        description: '/webhook/ 之后的 URL 路径。用 ":name" 形式的路径段表示路由参数，例如 "orders/:id"。',
      },
      authentication: {
        label: '认证方式',
        options: {
          none: '无',
          basicAuth: 'Basic 认证',
          headerAuth: 'Header 认证',
          jwtAuth: 'JWT 认证',
          hmac: 'HMAC 签名',
        },
      },
      responseMode: {
        label: '响应方式',
        options: {
          onReceived: { label: '立即', description: '该节点一运行就响应' },
          lastNode: { label: '最后一个节点完成时', description: '返回最后运行节点的数据' },
          responseNode: { label: '使用“响应 Webhook”节点', description: '响应内容在该节点中定义' },
        },
      },
      responseCode: { label: '响应状态码' },
      responseData: {
        label: '响应数据',
        description: '返回最后运行节点的哪些数据',
        options: {
          allEntries: { label: '所有条目', description: '以 JSON 数组返回所有数据项' },
          firstEntryJson: { label: '第一个条目的 JSON', description: '第一个数据项的 JSON' },
          firstEntryBinary: { label: '第一个条目的二进制数据', description: '第一个数据项中的二进制文件' },
          noData: '无响应体',
        },
      },
      responseBinaryPropertyName: { label: '属性名', description: '要返回的二进制属性名' },
      options: { label: '选项' },
      'options.allowedOrigins': {
        label: '允许的来源（CORS）',
        description: '允许从浏览器调用此 Webhook 的来源，以逗号分隔；* 表示任意来源',
      },
      'options.binaryPropertyName': {
        label: '二进制数据字段名',
        description: '不解析上传的请求体，而是以此名称保存为二进制数据',
      },
      'options.ignoreBots': { label: '忽略机器人', description: '忽略链接预览程序和爬虫' },
      'options.ipWhitelist': {
        label: 'IP 白名单',
        description: '允许调用的 IP 地址，以逗号分隔；为空时允许所有地址',
      },
      'options.rawBody': { label: '原始请求体', description: '不解析请求体，按二进制保留' },
      'options.noResponseBody': { label: '无响应体' },
      'options.responseData': { label: '响应数据', description: '立即响应时发送的自定义响应体' },
      'options.responseContentType': { label: '响应 Content-Type' },
      'options.responseHeaders': { label: '响应头' },
      'options.responseHeaders.entries': { label: '条目' },
      'options.responseHeaders.entries.name': { label: '名称' },
      'options.responseHeaders.entries.value': { label: '值' },
      'options.responsePropertyName': { label: '属性名', description: '只返回第一个数据项的此 JSON 属性' },
    },
  },
  'guixu.weCom': {
    displayName: '企业微信机器人',
    description: '通过群机器人向企业微信群发送文本、Markdown 或模板卡片消息。',
    params: {
      messageType: { label: '消息类型', options: { text: '文本', template_card: '互动卡片（模板卡片）' } },
      text: { label: '文本' },
      markdown: { label: 'Markdown' },
      card: {
        label: '模板卡片（JSON）',
        description: 'template_card 对象：{ "card_type": "text_notice", "main_title": …, "card_action": … }',
      },
      mentionedList: { label: '@ 的用户 ID', description: '要 @ 的用户 ID，以逗号分隔；"@all" 表示所有人' },
      mentionedMobileList: { label: '@ 的手机号', description: '要 @ 的手机号，以逗号分隔' },
    },
  },
  'guixu.weComTrigger': {
    displayName: '企业微信触发器',
    description: '企业微信应用每收到一条消息或事件就启动工作流。',
    params: {
      path: {
        label: '路径',
        description: '/webhook/ 之后的 URL 路径；把这个 URL 作为回调地址填到开放平台。',
      },
    },
  },
  'guixu.xml': {
    displayName: 'XML',
    description: '在 XML 文本和 JSON 之间相互转换。',
    params: {
      mode: {
        label: '模式',
        description: '数据的转换方向。',
        options: {
          jsonToxml: { label: 'JSON 转 XML', description: '将数据从 JSON 转换为 XML' },
          xmlToJson: { label: 'XML 转 JSON', description: '将数据从 XML 转换为 JSON' },
        },
      },
      dataPropertyName: {
        label: '属性名',
        description: '包含（XML 转 JSON 时）或接收（JSON 转 XML 时）XML 文本的属性名。',
      },
      options: { label: '选项' },
      'options.attrkey': { label: '属性键', description: '访问属性时使用的前缀。' },
      'options.charkey': { label: '字符内容键', description: '访问字符内容时使用的前缀。' },
      'options.cdata': { label: 'CDATA', description: '是否在需要时将文本节点包裹在 <![CDATA[ ... ]]> 中。' },
      'options.headless': { label: '省略头部', description: '是否省略 XML 声明头。' },
      'options.rootName': { label: '根元素名', description: '要使用的根元素名称。' },
      'options.explicitArray': { label: '总是使用数组', description: '是否总是将子节点放入数组。' },
      'options.explicitRoot': { label: '保留根节点', description: '是否在结果对象中保留根节点。' },
      'options.ignoreAttrs': { label: '忽略属性', description: '是否忽略所有 XML 属性。' },
      'options.mergeAttrs': { label: '合并属性', description: '是否将属性和子元素合并为父元素的属性。' },
      'options.normalize': { label: '规范化空白', description: '是否去除文本节点内的多余空白。' },
      'options.normalizeTags': { label: '规范化标签', description: '是否将所有标签名统一转为小写。' },
      'options.trim': { label: '去除首尾空白', description: '是否去除文本节点开头和结尾的空白。' },
    },
  },
};
