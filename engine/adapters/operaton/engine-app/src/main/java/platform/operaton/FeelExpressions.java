package platform.operaton;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Evaluates the packages' unchanged FEEL text (feel-scala, the library Zeebe uses) where Operaton
 * takes an expression: conditions, mappings, timers, candidate groups, due dates, job types and
 * multi-instance collections. The translator writes `${feel.eval(execution, '<base64 of the FEEL>')}`;
 * base64 keeps quotes and braces of the FEEL out of the JUEL string.
 * Results are stored as plain Java values (numbers as long/double, contexts as maps, dates as ISO text),
 * as Zeebe stores them as JSON.
 */
@Component("feel")
public class FeelExpressions {
  /** The marker the adapter maps to Zeebe's EXTRACT_VALUE_ERROR incident type. */
  public static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";
  private final FeelEngineApi engine = FeelEngineBuilder.forJava().build();
  private final Map<String, String> decoded = new java.util.concurrent.ConcurrentHashMap<>();

  private String text(String b64) {
    return decoded.computeIfAbsent(b64, k -> {
      String t = new String(Base64.getDecoder().decode(k), StandardCharsets.UTF_8).trim();
      return t.startsWith("=") ? t.substring(1) : t;
    });
  }

  private Object evaluate(VariableScope scope, String b64, boolean strict, String what) {
    String expr = text(b64);
    Map<String, Object> vars = new HashMap<>(scope.getVariables());
    EvaluationResult r = engine.evaluateExpression(expr, vars);
    if (!r.isSuccess()) {
      if (strict) throw new ProcessEngineException(EXTRACT_VALUE_ERROR + ": " + what + " 表达式 " + expr + " 求值失败:" + r.failure().message());
      return null;
    }
    Object v = plain(r.result());
    if (strict && v == null) throw new ProcessEngineException(EXTRACT_VALUE_ERROR + ": " + what + " 表达式 " + expr + " 没有结果(null)");
    return v;
  }

  /** FEEL text on a plain context (the equivalence check); a failure gives null, as in a mapping. */
  public Object evaluateText(String expression, Map<String, Object> context) {
    String expr = expression.trim().startsWith("=") ? expression.trim().substring(1) : expression;
    EvaluationResult r = engine.evaluateExpression(expr, new HashMap<>(context));
    return r.isSuccess() ? plain(r.result()) : null;
  }

  /** A value, null where FEEL gives null (mappings, script tasks). */
  public Object eval(VariableScope scope, String b64) {
    return evaluate(scope, b64, false, "");
  }

  /** A value that must exist: null or a failure raises an incident (job types, assignees, candidate groups). */
  public Object required(VariableScope scope, String b64, String what) {
    Object v = evaluate(scope, b64, true, what);
    // Job types, assignees and candidate lists are names: a non-empty text, or a non-empty list of them.
    boolean usable = v instanceof String s ? !s.isBlank() : v instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(x -> x instanceof String s && !s.isBlank());
    if (!usable) throw new ProcessEngineException(EXTRACT_VALUE_ERROR + ": " + what + " 表达式 " + text(b64) + " 的结果应为非空的文本或文本列表,实际为 " + v);
    return v;
  }

  /** Conditions: only true takes the flow, as in Zeebe. */
  public boolean bool(VariableScope scope, String b64) {
    return Boolean.TRUE.equals(evaluate(scope, b64, false, ""));
  }

  /** Timer definitions and due dates as ISO 8601 text. */
  public String text(VariableScope scope, String b64, String what) {
    Object v = evaluate(scope, b64, true, what);
    return String.valueOf(v);
  }

  /** The incident type of a timer an event sub-process cannot schedule (no value): the adapter reads it as EXTRACT_VALUE_ERROR. */
  public static final String TIMER_INCIDENT = "platformTimerValue";

  /**
   * The timer of an event sub-process, evaluated when its parent scope starts. Without a usable value
   * the scope still starts (as on Zeebe): an incident of the instance names the timer's start event
   * (its configuration), and the timer is set so far ahead that it does not fire.
   */
  public String timer(DelegateExecution execution, String b64, String what, String elementId) {
    try {
      return text(execution, b64, what);
    } catch (ProcessEngineException e) {
      execution.createIncident(TIMER_INCIDENT, elementId, e.getMessage());
      return switch (what) {
        case "定时器日期" -> "9999-12-31T00:00:00Z";
        case "定时器循环" -> "R1/P100Y";
        default -> "P100Y";
      };
    }
  }

  /** A multi-instance input collection. */
  public List<Object> list(VariableScope scope, String b64) {
    Object v = evaluate(scope, b64, true, "多实例集合");
    if (v instanceof List<?> l) return new ArrayList<>(l);
    throw new ProcessEngineException(EXTRACT_VALUE_ERROR + ": 多实例集合表达式 " + text(b64) + " 的结果不是列表");
  }

  /**
   * Multi-instance output: writes the output element of one inner instance at its (1-based) loop
   * counter into the output collection of the scope around the multi-instance body.
   */
  @SuppressWarnings("unchecked")
  public void collect(DelegateExecution execution, String collection, String b64) {
    Object value = b64.isEmpty() ? null : evaluate(execution, b64, false, "");
    DelegateExecution body = execution;
    while (body != null && !body.hasVariableLocal("nrOfInstances")) body = body.getParentId() == null ? null : (DelegateExecution) ((org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity) body).getParent();
    if (body == null) return;
    int n = ((Number) body.getVariableLocal("nrOfInstances")).intValue();
    int index = ((Number) execution.getVariable("loopCounter")).intValue();
    DelegateExecution outer = (DelegateExecution) ((org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity) body).getParent();
    Object current = outer == null ? null : outer.getVariable(collection);
    List<Object> list = current instanceof List<?> l && l.size() == n ? new ArrayList<>((List<Object>) l) : new ArrayList<>(java.util.Collections.nCopies(n, null));
    if (index >= 0 && index < n) list.set(index, value);
    if (outer != null) outer.setVariable(collection, list);
  }

  /**
   * A message subscription's correlation key, evaluated when the step that waits starts (as Zeebe opens
   * its subscription): a local variable the adapter correlates on (localCorrelationKeys).
   */
  public void key(DelegateExecution execution, String variable, String b64) {
    Object v = evaluate(execution, b64, true, "消息关联键");
    execution.setVariableLocal(variable, v instanceof Number n ? String.valueOf(n.longValue()) : String.valueOf(v));
  }

  /** An output mapping of an event (Operaton maps only activities): the variable into the scope. */
  public void set(DelegateExecution execution, String variable, String b64) {
    execution.setVariable(variable, evaluate(execution, b64, false, ""));
  }

  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  /** FEEL results as values a JSON variable holds. */
  static Object plain(Object v) {
    if (v == null) return null;
    if (v instanceof BigDecimal d) {
      BigDecimal s = d.stripTrailingZeros();
      if (s.scale() <= 0 && s.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && s.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) return s.longValueExact();
      return d.doubleValue();
    }
    if (v instanceof BigInteger i) return i.longValue();
    if (v instanceof Integer i) return i.longValue();
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object x : c) out.add(plain(x));
      return out;
    }
    if (v instanceof ZonedDateTime z) return z.toOffsetDateTime().format(OFFSET);
    if (v instanceof OffsetDateTime o) return o.format(OFFSET);
    if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof LocalTime || v instanceof TemporalAmount) return v.toString();
    return v;
  }
}
