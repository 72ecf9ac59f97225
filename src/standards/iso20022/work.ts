// A count of the structural work the ISO 20022 reader and checks do, for tests that show it grows
// linearly with the input: counted, never timed, so a busy machine cannot change the figure.

/**
 * Steps taken: tokens read, elements visited by each walk, siblings and schema items compared,
 * attributes compared, namespace scopes copied, XML path levels built for a problem.
 */
export interface MxWork {
  steps: number;
}

/** A fresh counter, for a caller that does not count. */
export function newWork(): MxWork {
  return { steps: 0 };
}
