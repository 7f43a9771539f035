'use strict';
// A consumer we did not write the clients of: reads every record of a topic off the Kafka broker with kafkajs and
// decodes each value with Confluent's JavaScript Schema Registry client (AvroDeserializer, through the registry's
// Confluent-compatible API), then prints one JSON line per record for NodeConsumerInteropIT to compare with the
// ClassifiedPaper events it wrote. Exits 0 once it has printed `count` records, 1 on any error or after `timeoutMs`.
//
// usage: node consumer.js BOOTSTRAP_SERVERS TOPIC SCHEMA_REGISTRY_URL COUNT TIMEOUT_MS

const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, SerdeType, AvroDeserializer } = require('@confluentinc/schemaregistry');

async function consume(bootstrapServers, topic, registryUrl, count, timeoutMs) {
  const kafka = new Kafka({ clientId: 'paperstream-node-interop', brokers: bootstrapServers.split(','),
    logLevel: logLevel.WARN });
  const deserializer = new AvroDeserializer(new SchemaRegistryClient({ baseURLs: [registryUrl] }), SerdeType.VALUE, {});
  // a group of its own, so every run reads the topic from the beginning
  const consumer = kafka.consumer({ groupId: `paperstream-node-interop-${process.pid}-${Date.now()}` });
  let printed = 0;
  let timer;
  const finished = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`read ${printed} of ${count} records within ${timeoutMs} ms`)),
      timeoutMs);
    // kafkajs restarts itself after a retriable crash (e.g. the group coordinator of a fresh broker still
    // loading); only a crash it gives up on is an error
    consumer.on(consumer.events.CRASH, event => {
      if (!event.payload.restart) {
        reject(event.payload.error);
      }
    });
    consumer.connect()
      .then(() => consumer.subscribe({ topic, fromBeginning: true }))
      .then(() => consumer.run({
        eachMessage: async ({ partition, message }) => {
          const classified = await deserializer.deserialize(topic, message.value);
          const paper = classified.paper.paper;
          console.log(JSON.stringify({
            partition,
            offset: message.offset,
            key: message.key.toString('utf8'),
            schemaId: message.value.readInt32BE(1),
            id: paper.id,
            title: paper.title,
            abstract: paper.abstract,
            publishedAt: Number(paper.publishedAt instanceof Date ? paper.publishedAt.getTime() : paper.publishedAt),
            primaryTopic: classified.primaryTopic,
            topics: classified.topics.map(topic => topic.id),
          }));
          printed += 1;
          if (printed >= count) {
            resolve();
          }
        },
      }))
      .catch(reject);
  });
  try {
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

const [bootstrapServers, topic, registryUrl, count, timeoutMs] = process.argv.slice(2);
consume(bootstrapServers, topic, registryUrl, Number(count), Number(timeoutMs)).then(
  () => process.exit(0),
  error => {
    console.error(error && error.stack ? error.stack : String(error));
    process.exit(1);
  });
