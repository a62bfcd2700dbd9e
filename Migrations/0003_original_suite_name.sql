-- Schema version 3: the suite that runs exactly the original pytest suite's nine benchmarks is
-- called `original`; runs stored under its earlier name get the new one, in the run and in the
-- configuration stored with it, so that `gate --confirm` can measure such a run again.
UPDATE runs SET suite = 'original' WHERE suite = 'seed';
UPDATE runs SET configuration = json_set(configuration, '$.plan.suite', 'original')
 WHERE json_valid(configuration) AND json_extract(configuration, '$.plan.suite') = 'seed';
