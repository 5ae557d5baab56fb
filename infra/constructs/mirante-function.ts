import { join } from 'node:path';
import {
  AssetStaging,
  type Duration,
  type RemovalPolicy,
  type Size,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { GSI1 } from '../../functions/shared/table-keys.js';

/** Lets CommonJS dependencies call `require` inside the ESM bundle. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * The module the bundles get for `zod`, relative to the project root: zod without the error
 * locales nothing uses (see the file).
 */
export const ZOD_ALIAS = 'infra/constructs/zod-without-locales.ts';

/**
 * The esbuild settings every function is bundled with (bench/bundles.bench.ts bundles with the
 * same ones). The AWS SDK is bundled too: the lock file pins it, not the runtime's copy.
 */
export const BUNDLE_SETTINGS = {
  format: OutputFormat.ESM,
  target: 'node22',
  banner: ESM_REQUIRE_BANNER,
  minify: true,
  // No source maps at run time: --enable-source-maps adds ~10% to every cold start, and the
  // functions log error messages, never stack traces.
  sourceMap: false,
  sourcesContent: false,
  externalModules: [] as string[],
  // Prefer packages' ESM builds: NodejsFunction passes no main fields, and esbuild's default on
  // platform node (main first) bundles the CommonJS builds — ~0.25 MB more and ~40 ms more to
  // import for the api (the AWS SDK among them).
  mainFields: ['module', 'main'] as string[],
  // `zod` without its 63 unused locales: ~0.26 MB less to parse at every cold start. esbuild
  // resolves an alias from its working directory: the project root locally, and in the
  // bundling image the input folder (set below).
  esbuildArgs: { '--alias': `zod=./${ZOD_ALIAS}` },
  workingDirectory: AssetStaging.BUNDLING_INPUT_DIR,
} as const;

/**
 * The file a lazy module (see {@link MiranteFunctionProps.lazyModules}) is bundled to, beside
 * `index.mjs`: its base name with `.js` (`functions/portal/render-chart-svg.ts` →
 * `render-chart-svg.js`), which is also the specifier the code imports it by.
 */
export function lazyModuleFile(entry: string): string {
  const base = entry.split('/').pop() ?? entry;
  return base.replace(/\.[cm]?[jt]s$/, '.js');
}

/** esbuild `external` patterns keeping each lazy module's `import('./<file>.js')` as written. */
export function lazyModuleExternals(entries: readonly string[]): string[] {
  return entries.map((entry) => `*/${lazyModuleFile(entry)}`);
}

/**
 * Shell commands that bundle the lazy modules into their own files in `outputDir` with
 * {@link BUNDLE_SETTINGS} (the esbuild of the project, or the bundling image's), plus a
 * `package.json` marking the folder's `.js` files as ES modules.
 */
export function lazyModuleCommands(
  inputDir: string,
  outputDir: string,
  entries: readonly string[],
): string[] {
  if (entries.length === 0) return [];
  const s = BUNDLE_SETTINGS;
  const flags = [
    '--bundle',
    '--platform=node',
    `--format=${s.format}`,
    `--target=${s.target}`,
    `--main-fields=${s.mainFields.join(',')}`,
    `--alias:zod="${inputDir}/${ZOD_ALIAS}"`,
    ...(s.minify ? ['--minify'] : []),
    `--banner:js="${s.banner}"`,
    '--log-level=warning',
  ].join(' ');
  return [
    `echo '{"type":"module"}' > "${outputDir}/package.json"`,
    ...entries.map(
      (entry) =>
        // One subshell, so it stays a single command of the hooks' `&&` chain.
        `(ESBUILD="${inputDir}/node_modules/.bin/esbuild"; "$ESBUILD" --version >/dev/null 2>&1 || ESBUILD=esbuild; "$ESBUILD" "${inputDir}/${entry}" ${flags} --outfile="${outputDir}/${lazyModuleFile(entry)}")`,
    ),
  ];
}

/** Settings every Mirante function shares (one value per deployment). */
export interface MiranteFunctionDefaults {
  /** Folder holding package.json, package-lock.json, functions/ and queries/. */
  readonly projectRoot: string;
  /** Plain configuration every function reads (`MIRANTE_STAGE`, `MIRANTE_TIMEZONE`, …). */
  readonly environment: Readonly<Record<string, string>>;
  /** How long each function's log group keeps events. */
  readonly logRetention: RetentionDays;
  /** What happens to each function's log group when the stack is deleted. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Properties of {@link MiranteFunction}. */
export interface MiranteFunctionProps {
  readonly defaults: MiranteFunctionDefaults;
  /** Entry file relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** Defaults to arm64; functions with native dependencies built on the host need x86_64. */
  readonly architecture?: Architecture;
  readonly ephemeralStorageSize?: Size;
  /** Packages installed beside the bundle instead of bundled (native bindings). */
  readonly nodeModules?: readonly string[];
  /** Project folders copied into the bundle as they are (e.g. `queries`). */
  readonly copyFolders?: readonly string[];
  /**
   * Files of installed packages the code reads at run time, copied to the bundle's
   * `node_modules/<package>/` (with the package's package.json), so `require.resolve` finds
   * them: `{ 'swagger-ui-dist': ['swagger-ui.css'] }`. Lighter than `nodeModules`, which
   * installs the whole package.
   */
  readonly packageFiles?: Readonly<Record<string, readonly string[]>>;
  /**
   * Modules (entry files relative to the project root) bundled into files of their own beside
   * `index.mjs` instead of into it, so a cold start neither parses nor evaluates them; the code
   * loads each with `await import('./<base name>.js')` on first use (see {@link lazyModuleFile}).
   * For heavy code few requests need (the chart renderer: Plot and linkedom, ~0.8 MB).
   */
  readonly lazyModules?: readonly string[];
  /** Reserved concurrency (compute: 1, so two runs never write the compaction state at once). */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Whether `Monitoring` gives the function an errors alarm (default true). False only for a
   * function that runs during deployments alone (a custom resource's): its failure fails the
   * deployment, which reports it, and an alarm would cost $0.10 a month to say the same.
   */
  readonly errorAlarm?: boolean;
}

/**
 * How a function may use the table. Reads (GetItem, BatchGetItem, Query on the table and
 * `gsi1`) are always granted.
 */
export interface TableAccess {
  /**
   * PutItem, UpdateItem, DeleteItem and BatchWriteItem: not at all (default), or only on items
   * whose partition key matches one of these IAM patterns (`dynamodb:LeadingKeys`), e.g.
   * `WATERMARK#*`, or `'all'` items.
   */
  readonly write?: 'all' | readonly string[];
}

/** How a function may use the lake bucket; each entry is a key prefix ending in `/`. */
export interface LakeAccess {
  /** Prefixes whose objects (and object versions) it may read. */
  readonly read?: readonly string[];
  /** Prefixes under which it may put objects. */
  readonly write?: readonly string[];
  /** Prefixes under which it may delete objects. */
  readonly delete?: readonly string[];
}

const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * One Mirante Lambda function: an ESM NodejsFunction on Node.js 22 with its own role (no managed
 * policies), its own log group with a retention, and wiring methods that grant an access and set
 * the environment variable naming the resource in the same call, so a function can only learn
 * of a resource it was granted.
 */
export class MiranteFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** Its execution role: log writing plus exactly what the wiring methods granted. */
  readonly role: Role;
  /** Its log group, with the stage's retention. */
  readonly logGroup: LogGroup;
  /** The bundling options the function was built with (ESM, banner, native modules, copies). */
  readonly bundling: BundlingOptions;
  /** Whether its errors raise an alarm (see {@link MiranteFunctionProps.errorAlarm}). */
  readonly errorAlarm: boolean;
  private readonly acknowledgedPrefixes = new Set<string>();

  constructor(scope: Construct, id: string, props: MiranteFunctionProps) {
    super(scope, id);
    const { defaults } = props;
    const copyFolders = props.copyFolders ?? [];
    this.errorAlarm = props.errorAlarm ?? true;

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: defaults.logRetention,
      removalPolicy: defaults.logRemovalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    const packageFiles = Object.entries(props.packageFiles ?? {});
    const lazyModules = props.lazyModules ?? [];
    this.bundling = {
      ...BUNDLE_SETTINGS,
      mainFields: [...BUNDLE_SETTINGS.mainFields],
      // The main bundle keeps `import('./<file>.js')` of each lazy module as it is written.
      externalModules: [...BUNDLE_SETTINGS.externalModules, ...lazyModuleExternals(lazyModules)],
      nodeModules: props.nodeModules ? [...props.nodeModules] : undefined,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir: string, outputDir: string) => [
          ...copyFolders.map((f) => `cp -r "${inputDir}/${f}" "${outputDir}/${f}"`),
          ...packageFiles.flatMap(([pkg, files]) => {
            const from = `${inputDir}/node_modules/${pkg}`;
            const to = `${outputDir}/node_modules/${pkg}`;
            return [
              `mkdir -p "${to}"`,
              ...['package.json', ...files].map((f) => `cp "${from}/${f}" "${to}/${f}"`),
            ];
          }),
          ...lazyModuleCommands(inputDir, outputDir, lazyModules),
        ],
      },
    };
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(defaults.projectRoot, props.entry),
      handler: 'handler',
      projectRoot: defaults.projectRoot,
      depsLockFilePath: join(defaults.projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: props.architecture ?? Architecture.ARM_64,
      memorySize: props.memorySize,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      timeout: props.timeout,
      ephemeralStorageSize: props.ephemeralStorageSize,
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...defaults.environment },
      bundling: this.bundling,
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: `${props.entry} runs on nodejs22.x on purpose: DESIGN.md pins Node 22 (the newest runtime the project builds and tests its bundles for).`,
    });
  }

  /** Sets an environment variable of the function. */
  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }

  /** Grants table access (see {@link TableAccess}) and sets `MIRANTE_TABLE`. */
  useTable(table: ITable, access: TableAccess = {}): this {
    this.role.addToPolicy(
      new PolicyStatement({
        actions: TABLE_READ_ACTIONS,
        resources: [table.tableArn, `${table.tableArn}/index/${GSI1}`],
      }),
    );
    if (access.write === 'all') {
      this.role.addToPolicy(
        new PolicyStatement({ actions: TABLE_WRITE_ACTIONS, resources: [table.tableArn] }),
      );
    } else if (access.write && access.write.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({
          actions: TABLE_WRITE_ACTIONS,
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...access.write] },
          },
        }),
      );
    }
    return this.addEnvironment('MIRANTE_TABLE', table.tableName);
  }

  /**
   * Grants object access under the given lake prefixes and sets `MIRANTE_LAKE_BUCKET`. Readers
   * may also list the bucket, so a missing key answers 404 (NoSuchKey) rather than 403.
   */
  useLake(bucket: IBucket, access: LakeAccess): this {
    const grants: ReadonlyArray<readonly [readonly string[] | undefined, string[]]> = [
      [access.read, ['s3:GetObject', 's3:GetObjectVersion']],
      [access.write, ['s3:PutObject', 's3:AbortMultipartUpload']],
      [access.delete, ['s3:DeleteObject']],
    ];
    for (const [prefixes, actions] of grants) {
      if (!prefixes || prefixes.length === 0) continue;
      for (const prefix of prefixes) assertPrefix(prefix);
      this.role.addToPolicy(
        new PolicyStatement({
          actions,
          resources: prefixes.map((p) => bucket.arnForObjects(`${p}*`)),
        }),
      );
      for (const prefix of prefixes) this.acknowledgeObjectWildcard(bucket, prefix);
    }
    if (access.read && access.read.length > 0) {
      this.role.addToPolicy(
        new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
      );
    }
    return this.addEnvironment('MIRANTE_LAKE_BUCKET', bucket.bucketName);
  }

  /** Grants read access to a secret and sets its ARN in `envName` (default `MIRANTE_SECRETS_ARN`). */
  useSecret(secret: ISecret, envName = 'MIRANTE_SECRETS_ARN'): this {
    secret.grantRead(this.role);
    return this.addEnvironment(envName, secret.secretArn);
  }

  private acknowledgeObjectWildcard(bucket: IBucket, prefix: string): void {
    const cfnBucket = bucket.node.defaultChild as CfnBucket | undefined;
    if (!cfnBucket || this.acknowledgedPrefixes.has(prefix)) return;
    this.acknowledgedPrefixes.add(prefix);
    const logicalId = Stack.of(this).resolve(cfnBucket.logicalId) as string;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`,
      reason: `The wildcard covers only objects under the lake's ${prefix} prefix, which this function owns or reads by design (keys are generated per time bucket, batch or version).`,
    });
  }
}

function assertPrefix(prefix: string): void {
  if (!/^([a-z0-9=_-]+\/)*$/.test(prefix)) {
    throw new Error(`Lake prefix '${prefix}' must be empty or end with '/' (e.g. 'published/')`);
  }
}
