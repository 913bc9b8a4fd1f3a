/** One repeated value: where it appears again, and where it first appeared. */
export interface Duplicate {
  value: string;
  index: number;
  firstIndex: number;
}

/** Every value that already appeared earlier in the list, with both positions (for error messages that point at the data). */
export function findDuplicates(values: readonly string[]): Duplicate[] {
  const firstIndexByValue = new Map<string, number>();
  const duplicates: Duplicate[] = [];
  values.forEach((value, index) => {
    const firstIndex = firstIndexByValue.get(value);
    if (firstIndex === undefined) firstIndexByValue.set(value, index);
    else duplicates.push({ value, index, firstIndex });
  });
  return duplicates;
}
