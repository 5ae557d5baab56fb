import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue (encrypted, TLS only, messages kept 14 days) for the failed runs of a
 * scheduled or asynchronously invoked function. Every queue of the stack is one, and each has
 * a depth alarm (Monitoring.watchEverything).
 */
export function deadLetterQueue(scope: Construct, id: string, of: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter destination of failed ${of}; nothing consumes it but an operator redriving it (docs/operations.md).`,
  });
  return queue;
}
