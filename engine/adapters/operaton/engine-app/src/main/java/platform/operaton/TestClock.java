package platform.operaton;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Test runs only (platform.test-clock=true): PUT /platform-test/clock with an offset in milliseconds
 * runs this node's engine clock ahead, so 30-day timers are tested without waiting. Behind the same basic auth.
 */
@Configuration
@ConditionalOnProperty(name = "platform.test-clock", havingValue = "true")
public class TestClock {
  @Bean
  public ServletRegistrationBean<HttpServlet> testClockServlet() {
    HttpServlet servlet = new HttpServlet() {
      @Override
      protected void doPut(HttpServletRequest req, HttpServletResponse res) throws IOException {
        long offset = Long.parseLong(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        if (offset == 0) ClockUtil.reset();
        else ClockUtil.offset(offset);
        res.setContentType("application/json");
        res.getWriter().write("{\"now\":" + ClockUtil.getCurrentTime().getTime() + "}");
      }

      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setContentType("application/json");
        res.getWriter().write("{\"now\":" + ClockUtil.getCurrentTime().getTime() + "}");
      }
    };
    return new ServletRegistrationBean<>(servlet, "/platform-test/clock");
  }

  /**
   * POST /platform-test/feel {"expression": "...", "context": {...}}: the node's FEEL (feel-scala) result, for
   * the check that every package expression gives the same under feelin and feel-scala; an array of those
   * gives an array of results (one request per package instead of one per expression and input).
   */
  @Bean
  public ServletRegistrationBean<HttpServlet> testFeelServlet(FeelExpressions feel) {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    HttpServlet servlet = new HttpServlet() {
      @Override
      @SuppressWarnings("unchecked")
      protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Object body = mapper.readValue(req.getInputStream(), Object.class);
        Object out = body instanceof java.util.List<?> list ? list.stream().map(b -> evaluate((java.util.Map<String, Object>) b)).toList() : evaluate((java.util.Map<String, Object>) body);
        res.setContentType("application/json;charset=UTF-8");
        res.getOutputStream().write(mapper.writeValueAsBytes(out));
      }

      @SuppressWarnings("unchecked")
      private java.util.Map<String, Object> evaluate(java.util.Map<String, Object> body) {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        try {
          out.put("result", feel.evaluateText((String) body.get("expression"), (java.util.Map<String, Object>) body.getOrDefault("context", java.util.Map.of())));
        } catch (RuntimeException e) {
          out.put("error", e.getMessage());
        }
        return out;
      }
    };
    return new ServletRegistrationBean<>(servlet, "/platform-test/feel");
  }
}
