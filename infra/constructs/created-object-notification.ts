import { type CfnResource, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type { IConstruct } from 'constructs';

/** Id of the stack-wide custom-resource function CDK uses to configure bucket notifications. */
export const NOTIFICATIONS_HANDLER_ID =
  'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/** Options of {@link notifyOnObjectCreated}. */
export interface ObjectCreatedNotificationOptions {
  /** Only keys under this prefix notify (e.g. `incoming/`). */
  readonly prefix: string;
  /** Retention of the notification handler's log group. */
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * Invokes a function (asynchronously) for every object created under a prefix of a bucket.
 * CDK configures S3 notifications through a stack-wide custom-resource function: this gives it
 * a log group with a retention (created before the function first runs) and acknowledges its
 * cdk-nag findings, since its code and role are CDK's.
 */
export function notifyOnObjectCreated(
  bucket: Bucket,
  target: IFunction,
  options: ObjectCreatedNotificationOptions,
): void {
  bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(target), {
    prefix: options.prefix,
  });
  const stack = Stack.of(bucket);
  const handler = stack.node.tryFindChild(NOTIFICATIONS_HANDLER_ID);
  if (!handler) throw new Error('CDK created no bucket notifications handler');
  if (handler.node.tryFindChild('Logs')) return;
  const fn = handler.node.findChild('Resource') as CfnResource;
  const logs = new LogGroup(handler, 'Logs', {
    logGroupName: `/aws/lambda/${fn.ref}`,
    retention: options.logRetention,
    removalPolicy: options.logRemovalPolicy,
  });
  // The handler runs when the notification configuration is created: its log group first.
  notificationsOf(bucket).node.addDependency(logs);
  const ack = Validations.of(handler);
  ack.acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "CDK's own bucket-notification custom resource: its role writes its logs with the basic execution policy, and the function runs only at deployment.",
  });
  ack.acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      "CDK's bucket-notification custom resource calls s3:PutBucketNotification on whichever bucket the template names; it runs only at deployment, never on a request.",
  });
}

function notificationsOf(bucket: Bucket): IConstruct {
  const notifications = bucket.node.tryFindChild('Notifications');
  if (!notifications) throw new Error(`${bucket.node.path} has no notifications`);
  return notifications;
}
