/** A child process of `npm run sim -- sweep`: runs the jobs it is sent and sends back their outcomes. */
import { runJob, type Job, type SweepSpec } from '../incidents/sweep';

process.once('message', (msg: { spec: SweepSpec; jobs: Job[] }) => {
  process.send!(
    msg.jobs.map((j) => runJob(msg.spec, j)),
    () => process.exit(0),
  );
});
