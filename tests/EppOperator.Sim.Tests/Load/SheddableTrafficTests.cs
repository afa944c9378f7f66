using EppOperator.Sim.Load;
using EppOperator.Sim.Workloads;

namespace EppOperator.Sim.Tests.Load;

public class SheddableTrafficTests
{
    private static PlannedRequest Request(int group, int user) => new(0, 0, group, user, "system", "question", 8, Measured: true);

    [TestCase(0.25, 250, 63)]
    [TestCase(0.25, 4, 1)]
    [TestCase(0.5, 4, 2)]
    [TestCase(0.0, 250, 0)]
    [TestCase(1.0, 250, 250)]
    [TestCase(0.1, 4, 0)]
    public void SheddableUsers_ShareOfTheGroup_RoundsToWholeUsers(double share, int usersPerGroup, int expected)
    {
        // Arrange
        var traffic = new SheddableTraffic("sheddable", share);

        // Act
        var users = traffic.SheddableUsers(usersPerGroup);

        // Assert
        Assert.That(users, Is.EqualTo(expected));
    }

    [TestCase(0, 0, true)]
    [TestCase(1, 0, true)]
    [TestCase(0, 1, false)]
    [TestCase(1, 3, false)]
    public void Includes_QuarterOfFourUsers_OnlyTheFirstUserOfEveryGroup(int group, int user, bool expected)
    {
        // Arrange
        var traffic = new SheddableTraffic("sheddable", 0.25);
        var workload = new WorkloadDefinition { Name = "w", Model = "m", Groups = 2, UsersPerGroup = 4 };

        // Act
        var included = traffic.Includes(Request(group, user), workload);

        // Assert
        Assert.That(included, Is.EqualTo(expected));
    }
}
