namespace Litmind.PowerShell { internal static class Placeholder { } }
