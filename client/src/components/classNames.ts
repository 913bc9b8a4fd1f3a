/** Joins the class names that are set: classNames('button', primary && 'button--primary'). */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter((name): name is string => typeof name === 'string' && name !== '').join(' ');
}
