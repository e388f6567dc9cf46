package platform.operaton;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the JSON variable serializer before the engine's own ones; names the node's job executor. */
@Configuration
public class EnginePlugins {
  /**
   * OPERATON_NODE_NAME as the job executor's lock owner (default: a random id per start) and as the engine's host
   * name (default: the machine's address), so ACT_RU_JOB.LOCK_OWNER_ says which node holds a job and
   * ACT_HI_JOB_LOG.HOSTNAME_ which node ran it — what an operator (and the failover test) needs after a node
   * died. Must differ per node.
   */
  @Bean
  public AbstractProcessEnginePlugin nodeName(@Value("${OPERATON_NODE_NAME:}") String name) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl config) {
        if (!name.isBlank()) config.setHostname(name);
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl config) {
        if (!name.isBlank() && config.getJobExecutor() != null) config.getJobExecutor().setLockOwner(name);
      }
    };
  }

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
