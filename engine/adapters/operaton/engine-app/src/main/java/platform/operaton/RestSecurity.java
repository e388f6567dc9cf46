package platform.operaton;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine's REST API is never open: every request needs HTTP basic credentials configured at start
 * (OPERATON_REST_USER / OPERATON_REST_PASSWORD). A node without a password refuses to start.
 */
@Configuration
public class RestSecurity {
  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> basicAuth(@Value("${platform.rest.user}") String user, @Value("${platform.rest.password}") String password) {
    if (password == null || password.isBlank()) throw new IllegalStateException("OPERATON_REST_PASSWORD is not set: the engine REST API is never served without authentication");
    byte[] expected = ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
        String header = req.getHeader("Authorization");
        if (header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
          chain.doFilter(req, res);
          return;
        }
        res.setHeader("WWW-Authenticate", "Basic realm=\"operaton\"");
        res.sendError(401);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> reg = new FilterRegistrationBean<>(filter);
    reg.addUrlPatterns("/*");
    reg.setOrder(0);
    return reg;
  }
}
