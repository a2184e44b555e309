namespace Arbiter.Core.Distributed.Raft;

/// <summary>The single-server membership changes of Ongaro's dissertation (2014), §4.1 and §4.2.1, with etcd's learners.</summary>
public enum RaftConfChangeType
{
    /// <summary>Add a server straight as a voter (§4.1). It counts toward the quorum at once, before it has caught up:
    /// prefer <see cref="AddLearner"/> then <see cref="PromoteLearner"/> (§4.2.1's availability gap).</summary>
    AddVoter = 1,

    /// <summary>Add a non-voting member (§4.2.1; etcd's learner): it receives the log but never votes, campaigns or counts toward a quorum.</summary>
    AddLearner = 2,

    /// <summary>Make a learner a voter; the leader refuses until the learner has caught up (<see cref="RaftOptions.LearnerCatchUpGap"/>).</summary>
    PromoteLearner = 3,

    /// <summary>Remove a voter or a learner (§4.2.2); removing the leader makes it step down once the change commits.</summary>
    RemoveServer = 4,
}
