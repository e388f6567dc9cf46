package platform.operaton;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.operaton.bpm.engine.impl.variable.serializer.AbstractObjectValueSerializer;

/**
 * Object variables as JSON text (application/json), standing in for operaton-spin-dataformat-json-jackson,
 * which is not on Maven Central. Maps and lists from the platform (and from FEEL) read back as
 * LinkedHashMap / ArrayList, which FEEL sees as contexts and lists.
 */
public class JsonValueSerializer extends AbstractObjectValueSerializer {
  public static final String FORMAT = "application/json";
  private final ObjectMapper mapper = new ObjectMapper();

  public JsonValueSerializer() {
    super(FORMAT);
  }

  @Override
  public String getName() {
    return "platform-json";
  }

  @Override
  protected boolean isSerializationTextBased() {
    return true;
  }

  @Override
  protected String getTypeNameForDeserialized(Object value) {
    return value instanceof Map ? "java.util.LinkedHashMap" : value instanceof Collection ? "java.util.ArrayList" : value.getClass().getName();
  }

  @Override
  protected byte[] serializeToByteArray(Object value) throws Exception {
    return mapper.writeValueAsBytes(value);
  }

  @Override
  protected Object deserializeFromByteArray(byte[] bytes, String objectTypeName) throws Exception {
    return mapper.readValue(bytes, Object.class);
  }

  @Override
  protected boolean canSerializeValue(Object value) {
    return value instanceof Map || value instanceof Collection || value instanceof BigDecimal || value instanceof BigInteger;
  }
}
