/** A resource of a CloudFormation template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

/** A CloudFormation template as `Template.toJSON()` returns it. */
export interface TemplateJson {
  readonly Resources: Record<string, TemplateResource>;
}

/** One IAM policy statement, as found in the template. */
export interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

interface PolicyDocument {
  readonly Statement: Statement | Statement[];
}

const asList = <T>(v: T | T[] | undefined): T[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/**
 * Every statement that applies to a role: inline policies of the role and every
 * AWS::IAM::Policy / AWS::IAM::ManagedPolicy attached to it. Managed policy ARNs on the role
 * (which the template can't show) are returned separately so a test can require none.
 */
export function statementsOfRole(
  template: TemplateJson,
  roleId: string,
): { statements: Statement[]; managedPolicyArns: unknown[] } {
  const role = template.Resources[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`${roleId} is not a role`);
  const statements: Statement[] = [];
  const inline = asList(role?.Properties?.Policies as { PolicyDocument: PolicyDocument }[]);
  for (const p of inline) statements.push(...asList(p.PolicyDocument.Statement));
  const refersToRole = (roles: unknown) =>
    asList(roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }));
  for (const r of Object.values(template.Resources)) {
    const isPolicy = r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy';
    if (isPolicy && r.Properties && refersToRole(r.Properties.Roles)) {
      statements.push(...asList((r.Properties.PolicyDocument as PolicyDocument).Statement));
    }
  }
  return {
    statements,
    managedPolicyArns: asList(role?.Properties?.ManagedPolicyArns as unknown[] | undefined),
  };
}

/** Whether an IAM action pattern (`s3:Put*`, `dynamodb:*`, `*`) covers an action. */
export function actionCovers(pattern: string, action: string): boolean {
  return globToRegExp(pattern.toLowerCase()).test(action.toLowerCase());
}

/** The actions of a statement (a statement using NotAction is reported as covering all). */
export function actionsOf(s: Statement): string[] {
  return s.NotAction !== undefined ? ['*'] : asList(s.Action);
}

/**
 * The resources of a statement rendered as ARN patterns: `Fn::GetAtt` → `<Id.Arn>`,
 * `Ref` → `<Id>`, `Fn::Join` joined; a statement using NotResource renders as `*`.
 */
export function resourcesOf(s: Statement): string[] {
  if (s.NotResource !== undefined) return ['*'];
  return asList(s.Resource).map(render);
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    if ('Ref' in value) return `<${String(value.Ref)}>`;
    if ('Fn::GetAtt' in value) return `<${(value['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return JSON.stringify(value);
}

/** Whether an IAM resource pattern (with `*` and `?`) covers a concrete resource. */
export function resourceCovers(pattern: string, resource: string): boolean {
  return globToRegExp(pattern).test(resource);
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}
