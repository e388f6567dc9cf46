import { translate, zhModeler } from '../translate/translate.ts';

/**
 * @camunda/linting's messages in Chinese. Its messages are built from a few sentence patterns around
 * `<Term>`s (element types and properties panel labels): each pattern below is one sentence, each term
 * is looked up in the modeler's own table (bpmn-js-i18n-zh plus ours) or in TERMS. A message no pattern
 * reads falls back to its rule's sentence (RULES) and is recorded in `lintMisses` (the browser test reads it).
 */

/** Terms the linter puts between <…> that the modeler's table lacks or words differently. */
const TERMS: Record<string, string> = {
  'Task definition type': '任务类型',
  'Task definition': '任务定义',
  'Timer type': '定时器类型',
  'Timer value': '定时器值',
  'Time cycle': '循环周期',
  'Time date': '日期',
  'Time duration': '持续时间',
  'Message Reference': '消息引用',
  'Signal Reference': '信号引用',
  'Error Reference': '错误引用',
  'Escalation Reference': '升级引用',
  'Error code': '错误代码',
  'Escalation code': '升级代码',
  'Multi-instance marker': '多实例标记',
  'Local variable name': '局部变量名',
  Input: '输入映射',
  Output: '输出映射',
  Inputs: '输入映射',
  Outputs: '输出映射',
  'Start Event': '开始事件',
  'End Event': '结束事件',
  'Boundary Event': '边界事件',
  'Intermediate Throw Event': '中间抛出事件',
  'Intermediate Catch Event': '中间捕获事件',
  'Sub Process': '子流程',
  'Event-Based Gateway': '事件网关',
  'Event-based Gateway': '事件网关',
  'Sequence Flows': '顺序流',
  'Implementation: Job worker': '实现方式:作业处理程序',
  'Implementation: Camunda user task': '实现方式:Camunda 用户任务',
  'Implementation: DMN decision': '实现方式:DMN 决策',
  'Implementation: FEEL expression': '实现方式:FEEL 表达式',
  'Form type: Custom form key': '表单类型:自定义表单键',
  'Form type: Camunda Form': '表单类型:Camunda 表单',
  'Form type: Camunda form (linked)': '表单类型:Camunda 表单(链接)',
  'Form type: Camunda form (embedded)': '表单类型:Camunda 表单(内嵌)',
  'Form type: External reference': '表单类型:外部引用',
  'Form ID': '表单 ID',
  'Form JSON configuration': '表单 JSON 配置',
  'External reference': '外部引用',
  'Called decision ID': '被调用决策 ID',
  'Extension properties': '扩展属性',
  'User Task Form': '用户任务表单',
  'Job Priority': '作业优先级',
  Priority: '优先级',
  'Execution listeners': '执行监听器',
  'Execution Listeners': '执行监听器',
  'Execution Listener': '执行监听器',
  'Execution listener': '执行监听器',
  'Task listeners': '任务监听器',
  'Task Listener': '任务监听器',
  'Version tag': '版本标签',
  'Binding: version tag': '绑定:版本标签',
  'Wait for completion': '等待完成',
  'Business ID': '业务 ID',
  'Event Type': '事件类型',
  'Before all': '全部之前',
  Executable: '可执行',
  'History time to live': '历史保留时间',
  conditionExpression: '条件表达式',
};

const term = (t: string): string => TERMS[t] ?? (zhModeler[t] !== undefined ? zhModeler[t]! : translate(t));

/** The platform version label of a message ("Camunda 8.6") as shown: kept, it is a product name. */
const platform = (p: string) => p.trim();

type Pattern = [RegExp, (m: RegExpExecArray) => string];
const T = (s: string | undefined) => term(s ?? '');

/** What the linter says about an element, before "is not supported by …": "A <X>", "A <X> with <Y>", "A <X> in a <Y>". */
function subject(s: string): string | null {
  let m = /^(?:A|An|One) <([^>]+)>$/.exec(s);
  if (m) return T(m[1]);
  m = /^(?:A|An) <([^>]+)> with <([^>]+)>$/.exec(s);
  if (m) return `设置了「${T(m[2])}」的${T(m[1])}`;
  m = /^(?:A|An) <([^>]+)> with <([^>]+)> or <([^>]+)>$/.exec(s);
  if (m) return `设置了「${T(m[2])}」或「${T(m[3])}」的${T(m[1])}`;
  m = /^(?:A|An) <([^>]+)> in (?:a|an) <([^>]+)>$/.exec(s);
  if (m) return `${T(m[2])}中的${T(m[1])}`;
  m = /^(?:A|An) <([^>]+)> with <([^>]+)> disabled$/.exec(s);
  if (m) return `未勾选「${T(m[2])}」的${T(m[1])}`;
  m = /^A collapsed <([^>]+)>$/.exec(s);
  if (m) return `折叠的${T(m[1])}`;
  m = /^An interrupting <([^>]+)> in an <Event Sub Process> placed in an <Ad Hoc Sub Process>$/.exec(s);
  if (m) return `即席子流程内事件子流程中的中断${T(m[1])}`;
  return null;
}

const PATTERNS: Pattern[] = [
  [/^(.+) is not supported by (.+)$/, (m) => (subject(m[1]!) ? `${platform(m[2]!)} 不支持${subject(m[1]!)}` : '')],
  [/^(.+) is only supported by (.+) or newer$/, (m) => (subject(m[1]!) ? `${subject(m[1]!)}需要 ${platform(m[2]!)} 或更高版本` : '')],
  [/^(?:A|An) <([^>]+)> must have a <([^>]+)>$/, (m) => `${T(m[1])}必须设置「${T(m[2])}」`],
  [/^(?:A|An) <([^>]+)> must have a defined <([^>]+)>$/, (m) => `${T(m[1])}必须设置「${T(m[2])}」`],
  [/^(?:A|An) <([^>]+)> should have a defined <([^>]+)>$/, (m) => `${T(m[1])}应设置「${T(m[2])}」`],
  [/^(?:A|An) <([^>]+)> must have a unique <([^>]+)>$/, (m) => `${T(m[1])}的「${T(m[2])}」不能重复`],
  [/^(?:A|An) <([^>]+)> with <([^>]+)> must have a defined <([^>]+)>$/, (m) => `设置了「${T(m[2])}」的${T(m[1])}必须设置「${T(m[3])}」`],
  [/^(?:A|An) <([^>]+)> with defined <([^>]+)> must have a defined <([^>]+)>$/, (m) => `设置了「${T(m[2])}」的${T(m[1])}必须设置「${T(m[3])}」`],
  [/^(?:A|An) <([^>]+)> with <([^>]+)> and defined <([^>]+)> must have a defined <([^>]+)>$/, (m) => `设置了「${T(m[2])}」和「${T(m[3])}」的${T(m[1])}必须设置「${T(m[4])}」`],
  [/^(?:A|An) <([^>]+)> must have a defined <Condition expression> or be the default <Sequence Flow>$/, (m) => `${T(m[1])}必须设置条件表达式,或设为默认顺序流`],
  [/^(?:A|An) <([^>]+)> with <Condition expression> is only supported if the source is an <Exclusive Gateway> or <Inclusive Gateway>$/, (m) => `只有从排他网关或包容网关出发的${T(m[1])}才能设置条件表达式`],
  [/^(?:A|An) <([^>]+)> with more than one incoming <Sequence Flow> is not supported by (.+)$/, (m) => `${platform(m[2]!)} 不支持有多条传入顺序流的${T(m[1])}`],
  [/^(?:A|An) <([^>]+)> with two or more <Headers> with the same <Key> \((.*)\) is not supported$/, (m) => `${T(m[1])}的任务头键「${m[2]}」重复`],
  [/^(?:A|An) <([^>]+)> <([^>]+)> must be an ISO 8601 date$/, (m) => `${T(m[1])}的「${T(m[2])}」必须是 ISO 8601 日期`],
  [/^(?:A|An) <([^>]+)> <([^>]+)> must be an expression, or an ISO 8601 (date|interval)$/, (m) => `${T(m[1])}的「${T(m[2])}」必须是表达式或 ISO 8601 ${m[3] === 'date' ? '日期' : '时长'}`],
  [/^(?:A|An) <([^>]+)> <([^>]+)> must be an expression, an ISO 8601 repeating interval, or a cron expression/, (m) => `${T(m[1])}的「${T(m[2])}」必须是表达式、ISO 8601 重复周期或 cron 表达式`],
  [/^(?:A|An) <([^>]+)> <Priority> must be an expression, or an integer between 0 and 100$/, (m) => `${T(m[1])}的优先级必须是表达式或 0–100 的整数`],
  [/^(?:A|An) <([^>]+)> with <Implementation: Job worker> managed by Camunda is (deprecated|not supported)/, (m) => `${T(m[1])}以作业处理程序实现${m[2] === 'deprecated' ? '已不推荐' : '不受支持'},请改用 Camunda 用户任务`],
  [/^(?:A|An) <([^>]+)> is not allowed on (?:a|an) <([^>]+)>$/, (m) => `${T(m[1])}不能附加在${T(m[2])}上`],
  [/^(?:A|An) <([^>]+)> cannot be the target of an <Event-Based Gateway>$/, (m) => `${T(m[1])}不能作为事件网关的目标`],
  [/^(One|A) <Process> must be <Executable>$/, (m) => (m[1] === 'One' ? '至少一个流程必须设为「可执行」' : '流程必须设为「可执行」')],
  [/^An <Input> must have a defined <Variable assignment value>/, () => '输入映射必须设置变量赋值'],
  [/^A <Process> is not allowed to contain a straight-through processing loop: (.*)$/, (m) => `流程中不能有无等待的循环:${m[1]}`],
  [/^(?:A|An) <([^>]+)> with a <Business ID> longer than 255 characters is not supported$/, (m) => `${T(m[1])}的业务 ID 不能超过 255 个字符`],
  [/^An <Execution listener> with <Before all> event type is only allowed on multi-instance elements$/, () => '事件类型为「全部之前」的执行监听器只能用于多实例元素'],
  [/^Property <([^>]+)> uses (?:deprecated|legacy) secret expression format/, (m) => `属性「${m[1]}」使用了旧的密钥表达式格式,请改为 camunda.secrets 格式`],
  [/^Property <([^>]+)> is not a valid FEEL expression$/, (m) => `「${T(m[1])}」不是合法的 FEEL 表达式`],
  // bpmnlint's own correctness rules
  [/^Duplicate outgoing sequence flows$/, () => '有重复的传出顺序流'],
  [/^Duplicate incoming sequence flows$/, () => '有重复的传入顺序流'],
  [/^SequenceFlow is a duplicate$/, () => '顺序流重复'],
  [/^(Process|Sub process) has multiple blank start events$/, (m) => `${m[1] === 'Process' ? '流程' : '子流程'}有多个无触发开始事件`],
  [/^Start event must be blank$/, () => '子流程的开始事件不能有触发'],
  [/^Start event is missing event definition$/, () => '事件子流程的开始事件缺少触发'],
  [/^Conditional event is missing a condition$/, () => '条件事件缺少条件'],
  [/^An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>$/, () => '事件网关至少需要 2 条传出顺序流'],
  [/^A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional$/, () => '事件网关的传出顺序流不能设置条件'],
  [/^Link event is missing link name$/, () => '链接事件缺少链接名称'],
  [/^Link (catch|throw) event with link name <(.+)> missing in scope$/, (m) => `缺少链接名称为「${m[2]}」的链接${m[1] === 'catch' ? '捕获' : '抛出'}事件`],
  [/^Duplicate link catch event with link name <(.+)> in scope$/, (m) => `链接名称「${m[1]}」的链接捕获事件重复`],
  [/^Element is missing bpmndi$/, () => '元素缺少图形信息(bpmndi)'],
  [/^A <Start Event> is not allowed in <Ad Hoc Sub Process>$/, () => '即席子流程中不能有开始事件'],
  [/^An <End Event> is not allowed in <Ad Hoc Sub Process>$/, () => '即席子流程中不能有结束事件'],
  [/^Process is missing start event$|^Element is missing start event$/, () => '流程缺少开始事件'],
];

/** The sentence of each rule, for a message no pattern reads. */
const RULES: Record<string, string> = {
  'camunda-compat/implementation': '元素缺少实现(任务类型等)',
  'camunda-compat/called-element': '调用活动设置不完整',
  'camunda-compat/duplicate-task-headers': '任务头键重复',
  'camunda-compat/element-type': '当前引擎版本不支持该元素',
  'camunda-compat/error-reference': '错误引用设置不完整',
  'camunda-compat/event-based-gateway-target': '事件网关的目标不受支持',
  'camunda-compat/executable-process': '流程须设为可执行',
  'camunda-compat/loop-characteristics': '多实例设置不完整',
  'camunda-compat/message-reference': '消息引用设置不完整',
  'camunda-compat/io-mapping': '输入输出映射设置不完整',
  'camunda-compat/no-expression': '此处不能使用表达式',
  'camunda-compat/no-loop': '流程中有无等待的循环',
  'camunda-compat/no-multiple-none-start-events': '流程有多个无触发开始事件',
  'camunda-compat/sequence-flow-condition': '顺序流条件设置不正确',
  'camunda-compat/start-event-form': '开始事件的表单不受支持',
  'camunda-compat/subscription': '消息订阅设置不完整',
  'camunda-compat/timer': '定时器设置不正确',
  'camunda-compat/user-task-definition': '用户任务设置不完整',
  'camunda-compat/user-task-form': '用户任务表单设置不完整',
  'camunda-compat/variable-name': '变量名不合法',
  'camunda-compat/feel': 'FEEL 表达式有语法错误',
  'camunda-compat/feel-compatibility': 'FEEL 表达式与当前引擎版本不兼容',
  'camunda-compat/start-event-required': '流程缺少开始事件',
  'camunda-compat/link-event': '链接事件设置不正确',
  'camunda-compat/task-schedule': '到期或跟进时间格式不正确',
  'camunda-compat/signal-reference': '信号引用设置不完整',
  'camunda-compat/escalation-reference': '升级引用设置不完整',
  'camunda-compat/wait-for-completion': '补偿须等待完成',
  'camunda-compat/version-tag': '版本标签设置不完整',
  'camunda-compat/priority-definition': '优先级设置不正确',
  'camunda-compat/secrets': '密钥表达式格式已过时',
};

/** English messages no pattern read, in the order first seen (the browser test reads them). */
export const lintMisses = new Set<string>();

declare global {
  interface Window {
    __designerLintMisses?: Set<string>;
  }
}
if (typeof window !== 'undefined') window.__designerLintMisses = lintMisses;

const HAS_CJK = /[\u4e00-\u9fff]/;

/** A lint message in Chinese: ours are already; @camunda/linting's read by pattern, or the rule's sentence. */
export function zhLintMessage(message: string, rule?: string): string {
  if (HAS_CJK.test(message)) return message;
  for (const [re, zh] of PATTERNS) {
    const m = re.exec(message);
    const text = m ? zh(m) : '';
    if (text) return text;
  }
  if (message.trim()) lintMisses.add(message);
  return (rule && RULES[rule]) ?? '流程不符合引擎规则';
}

/** The properties panel's messages under a field (@camunda/linting's getErrors), in Chinese. */
const FIELD: Record<string, string> = {
  'Business ID must be shorter than 256 characters.': '业务 ID 不能超过 255 个字符。',
  'Cannot be an expression.': '不能是表达式。',
  'Code must be defined.': '必须填写代码。',
  'Condition expression must be defined.': '必须填写条件表达式。',
  'Decision ID must be defined.': '必须填写决策 ID。',
  'External reference must be defined.': '必须填写外部引用。',
  'FEEL expression must be defined.': '必须填写 FEEL 表达式。',
  'Form ID must be defined.': '必须填写表单 ID。',
  'Form JSON configuration must be defined.': '必须填写表单 JSON 配置。',
  'Form key must be defined.': '必须填写表单键。',
  'Global error reference must be defined.': '必须选择全局错误引用。',
  'Global escalation reference must be defined.': '必须选择全局升级引用。',
  'Global message reference must be defined.': '必须选择全局消息引用。',
  'Global signal reference must be defined.': '必须选择全局信号引用。',
  'Implementation must be defined.': '必须选择实现方式。',
  'Input collection must be defined.': '必须填写输入集合。',
  'Input element must be defined.': '必须填写输入元素。',
  'Must be an ISO 8601 date.': '必须是 ISO 8601 日期。',
  'Must be an expression, an ISO 8601 repeating interval, or a cron expression (cron only supported by Camunda 8.1 or newer).': '必须是表达式、ISO 8601 重复周期或 cron 表达式(cron 需要 Camunda 8.1 或更高版本)。',
  'Must be an expression, an ISO 8601 repeating interval, or a cron expression.': '必须是表达式、ISO 8601 重复周期或 cron 表达式。',
  'Must be an expression, or an ISO 8601 date.': '必须是表达式或 ISO 8601 日期。',
  'Must be an expression, or an ISO 8601 interval.': '必须是表达式或 ISO 8601 时长。',
  'Must be an expression, or an integer between 0 and 100.': '必须是表达式或 0–100 的整数。',
  'Must be checked.': '必须勾选。',
  'Must be defined.': '必须填写。',
  'Must be unique.': '不能重复。',
  'Must wait for completion.': '必须等待完成。',
  'Name must be defined.': '必须填写名称。',
  'One process must be executable.': '至少一个流程必须可执行。',
  'Output collection must be defined.': '必须填写输出集合。',
  'Output element must be defined.': '必须填写输出元素。',
  'Process ID must be defined.': '必须填写流程 ID。',
  'Process must be executable.': '流程必须可执行。',
  'Result variable must be defined.': '必须填写结果变量。',
  'Secret reference must be an expression, not a string literal.': '密钥引用必须是表达式,不能是字符串常量。',
  'Secret reference must not be nested in a list.': '密钥引用不能放在列表中。',
  'Secret reference must not be nested in an if branch.': '密钥引用不能放在 if 分支中。',
  'Subscription correlation key must be defined.': '必须填写订阅关联键。',
  'Type must be defined.': '必须填写任务类型。',
  'Unparsable FEEL expression.': 'FEEL 表达式无法解析。',
  'Value must be defined.': '必须填写值。',
  'Variable assignment must be defined.': '必须填写变量赋值。',
  'Variable name must be defined.': '必须填写变量名。',
  'Version tag must be defined.': '必须填写版本标签。',
  'Must be a valid variable name.': '必须是合法的变量名。',
};

/** A properties panel field's error in Chinese (a message of ours passes through). */
export function zhFieldMessage(message: string): string {
  if (HAS_CJK.test(message)) return message;
  const zh = FIELD[message] ?? FIELD[message.trim()];
  if (zh) return zh;
  // (the field also carries the whole report's message for some rules)
  const whole = zhLintMessage(message);
  return whole;
}
