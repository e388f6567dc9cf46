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
}
