"""The workflow's adapters around the decision layer (`mailflow.decide`): the engine that
looks up facts and asks for a plan, the applier that carries plans out in the caller's
database transaction, the mailer that renders and queues mail, and the deadline watch."""
