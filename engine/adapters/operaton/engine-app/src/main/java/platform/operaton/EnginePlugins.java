package platform.operaton;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the JSON variable serializer before the engine's own ones. */
@Configuration
public class EnginePlugins {
  @Bean
  public AbstractProcessEnginePlugin jsonVariables() {
    return new AbstractProcessEnginePlugin() {
      @Override
      @SuppressWarnings("rawtypes")
      public void preInit(ProcessEngineConfigurationImpl config) {
        List<TypedValueSerializer> pre = config.getCustomPreVariableSerializers() == null ? new ArrayList<>() : new ArrayList<>(config.getCustomPreVariableSerializers());
        pre.add(new JsonValueSerializer());
        config.setCustomPreVariableSerializers(pre);
      }
    };
  }
}
