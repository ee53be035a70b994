import type { NodeTextTable } from '../node-text.ts';

/** 简体中文 node text (see ../nodes-zh-cn.ts). Data transformation: Set, Code, Date & Time, Aggregate, Sort, Split Out, Summarize and the like. */
export const nodesZhCNData: NodeTextTable = {
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
};
