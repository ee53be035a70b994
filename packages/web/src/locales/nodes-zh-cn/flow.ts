import type { NodeTextTable, ParamText } from '../node-text.ts';

/** Parameter text these nodes have in common (the same fields, the same words). */
const conditionParams: Record<string, ParamText> = {
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
};

/** 简体中文 node text (see ../nodes-zh-cn.ts). Flow: triggers, branching, merging, looping, waiting, sub-workflows. */
export const nodesZhCNFlow: NodeTextTable = {
  'guixu.errorTrigger': {
    displayName: '错误触发器',
    description: '当其他将本工作流设为错误处理工作流的工作流失败时，启动本工作流。',
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
  'guixu.filter': {
    displayName: '过滤',
    description: '只保留符合条件的数据项。',
    params: {
      ...conditionParams,
    },
    ports: { Kept: '保留', Discarded: '丢弃' },
  },
  'guixu.if': {
    displayName: '条件判断',
    description: '根据条件将每个数据项路由到 true 或 false 输出。',
    params: {
      ...conditionParams,
    },
    ports: { true: 'true', false: 'false' },
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
  'guixu.noOp': {
    displayName: '无操作',
    description: '原样传出输入的数据项。可用作占位或汇合点。',
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
};
