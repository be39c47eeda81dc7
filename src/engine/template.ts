/**
 * `tf.make_template`: wraps a function so that its first call creates variables and every later
 * call reuses them (TF 1.15 `template.py`).
 *
 * The first call enters `variable_scope(uniqueName, defaultName=name)` (so two templates named
 * `s1` get `s1` and `s1_1`) unless the scope was captured at construction
 * (`createScopeNow`); later calls re-enter the captured scope object with `reuse: true`, each with
 * a fresh op name scope. A later call that creates a trainable variable raises TF's error.
 */
import { ERROR_CODES, raise } from '../core/errors';
import { VariableScope } from '../core/variable-scope';
import { getDefaultGraph } from './default-graph';
import { GraphKeys } from './graph-keys';
import { CustomGetter, EngineSlots } from './types';

export interface TemplateOptions {
  /** Capture the variable scope now rather than at the first call (`create_scope_now_`). */
  createScopeNow?: boolean;
  /** Use exactly this scope name instead of a uniquified `name` (`unique_name_`). */
  uniqueName?: string | null;
  customGetter?: CustomGetter | null;
}

export class Template<A extends unknown[], R> {
  private scope: VariableScope<EngineSlots> | null = null;
  private variablesCreated = false;
  private firstCall = true;

  constructor(
    readonly name: string,
    private readonly func: (...args: A) => R,
    private readonly options: TemplateOptions = {},
  ) {
    if (name === null || name === undefined) {
      raise(ERROR_CODES.scopeArgs, 'ValueError', 'name cannot be None.');
    }
    if (options.createScopeNow) {
      const graph = getDefaultGraph();
      const scopeName = options.uniqueName ?? graph.scopes.uniqueScopeName(name);
      const frame = graph.scopes.enterPureOnly(scopeName, {
        customGetter: options.customGetter ?? null,
      });
      this.scope = frame.scope;
      graph.scopes.exit(frame);
    }
  }

  /** The variable scope the template's variables live in (null before the first call). */
  get variableScope(): VariableScope<EngineSlots> | null {
    return this.scope;
  }

  /** Calls the wrapped function: creating variables the first time, reusing them afterwards. */
  call(...args: A): R {
    const graph = getDefaultGraph();
    if (this.scope) {
      return graph.scopes.run({ nameOrScope: this.scope, reuse: !this.firstCall }, () =>
        this.callFunc(args),
      );
    }
    return graph.scopes.run(
      {
        nameOrScope: this.options.uniqueName ?? null,
        defaultName: this.name,
        customGetter: this.options.customGetter ?? null,
      },
      (vs) => {
        this.scope = vs;
        return this.callFunc(args);
      },
    );
  }

  private callFunc(args: A): R {
    const graph = getDefaultGraph();
    try {
      const trainableAtStart = graph.getCollectionRef(GraphKeys.TRAINABLE_VARIABLES).length;
      const result = this.func(...args);
      if (this.variablesCreated) {
        const trainable = graph.getCollectionRef(GraphKeys.TRAINABLE_VARIABLES);
        if (trainable.length !== trainableAtStart) {
          const extra = trainable.slice(trainableAtStart).map(String).join(', ');
          raise(
            ERROR_CODES.templateExtraVariable,
            'ValueError',
            `Trainable variable created when calling a template after the first time, perhaps you used tf.Variable when you meant tf.get_variable: [${extra}]`,
          );
        }
      } else {
        this.variablesCreated = true;
        this.firstCall = false;
      }
      return result;
    } catch (e) {
      if (e instanceof Error)
        e.message = `${e.message}\n\noriginally defined at:\n  template ${this.name}\n`;
      throw e;
    }
  }
}

/**
 * `tf.make_template(name, func)`: returns a function with `func`'s parameters that shares
 * variables across calls. The `Template` object is reachable as `.template`.
 */
export function makeTemplate<A extends unknown[], R>(
  name: string,
  func: (...args: A) => R,
  options: TemplateOptions = {},
): ((...args: A) => R) & { template: Template<A, R> } {
  const template = new Template(name, func, options);
  const call = (...args: A) => template.call(...args);
  return Object.assign(call, { template });
}
