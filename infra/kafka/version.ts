/** Kafka release fetched from Maven Central (`org.apache.kafka:kafka_2.13`). */
export const KAFKA_VERSION = '4.1.1';

/** Scala build of the broker artifact; part of its Maven name (`kafka_2.13`). */
export const SCALA_BINARY_VERSION = '2.13';
