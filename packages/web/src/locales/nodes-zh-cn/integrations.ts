import type { NodeTextTable, ParamText } from '../node-text.ts';

/** Parameter text these nodes have in common (the same fields, the same words). */
const sqlParams: Record<string, ParamText> = {
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
};

/** 简体中文 node text (see ../nodes-zh-cn.ts). Integrations: databases, queues and brokers, email, FTP, SSH, RSS, 飞书 / 钉钉 / 企业微信, the GuixuFlow API. */
export const nodesZhCNIntegrations: NodeTextTable = {
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
      ...sqlParams,
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
  'guixu.postgres': {
    displayName: 'Postgres',
    description: '在 PostgreSQL 中读取、插入、更新和删除行，或执行 SQL 查询。',
    params: {
      ...sqlParams,
      schema: { label: '模式（Schema）', description: '模式名（n8n 的资源定位器或纯文本）。' },
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
};
