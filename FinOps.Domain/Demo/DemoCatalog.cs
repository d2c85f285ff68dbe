namespace FinOps.Domain.Demo;

/// <summary>Which cloud a demo series belongs to.</summary>
internal enum DemoProvider
{
    Aws,
    Azure,
    Google,
}

/// <summary>How a meter's daily quantity behaves.</summary>
internal enum MeterKind
{
    /// <summary>Running hours of a provisioned resource: 24 a day, or office hours for schedules (dev machines).</summary>
    Hours,
    /// <summary>Provisioned or stored capacity billed per month (GB-Mo): flat within a week, growing month over month.</summary>
    Storage,
    /// <summary>Consumption (requests, GB transferred, tokens): weekdays higher than weekends, growing, noisy.</summary>
    Usage,
}

/// <summary>Which utilization figures a resource reports in utilization.csv.</summary>
[Flags]
internal enum UtilizationMetrics
{
    None = 0,
    Cpu = 1,
    Memory = 2,
    Storage = 4,
}

internal sealed record DemoRegion(string Id, string Name, string UsagePrefix, decimal PriceFactor, string[] Zones);

internal sealed record InstanceSize(string Name, decimal HourlyPrice, int VCpus, int MemoryGiB);

/// <param name="Key">Stable key (part of SkuId and x_UsageType).</param>
/// <param name="Description">ChargeDescription template: {price}, {size}, {region} are replaced.</param>
/// <param name="MinDaily">Daily quantity range in pricing units (Storage: the capacity in GB).</param>
internal sealed record MeterSpec(
    string Key,
    string MeterName,
    string Description,
    string PricingUnit,
    string ConsumedUnit,
    decimal ListUnitPrice,
    MeterKind Kind,
    double MinDaily = 0,
    double MaxDaily = 0,
    string Operation = "");

/// <param name="IdPattern">ResourceId template: {account} {region} {zone} {name} {hex} {guid} {rg} {project} are replaced.</param>
/// <param name="BaseCount">Resources per sub-account that uses the service, at Scale 1.</param>
/// <param name="ServiceCode">x_ServiceCode (AWS), x_SkuMeterCategory (Azure) or x_ServiceId (Google).</param>
internal sealed record ServiceSpec(
    DemoProvider Provider,
    string Name,
    string Category,
    string Subcategory,
    string ResourceType,
    string IdPattern,
    string NameSuffix,
    string ServiceCode,
    double BaseCount,
    MeterSpec[] Meters,
    InstanceSize[]? Sizes = null,
    UtilizationMetrics Utilization = UtilizationMetrics.None,
    bool Global = false,
    bool Zonal = false)
{
    public bool IsUsageDriven => Meters.All(m => m.Kind != MeterKind.Hours);
}

/// <summary>The fixed catalogue of services, prices and regions the demo data draws from (real names, list prices in USD).</summary>
internal static class DemoCatalog
{
    public static readonly DemoRegion[] AwsRegions =
    [
        new("us-east-1", "US East (N. Virginia)", "", 1.00m, ["us-east-1a", "us-east-1b", "us-east-1c"]),
        new("us-east-2", "US East (Ohio)", "USE2-", 1.00m, ["us-east-2a", "us-east-2b"]),
        new("us-west-2", "US West (Oregon)", "USW2-", 1.00m, ["us-west-2a", "us-west-2b", "us-west-2c"]),
        new("eu-west-1", "Europe (Ireland)", "EU-", 1.07m, ["eu-west-1a", "eu-west-1b"]),
        new("eu-central-1", "Europe (Frankfurt)", "EUC1-", 1.15m, ["eu-central-1a", "eu-central-1b"]),
        new("ap-southeast-1", "Asia Pacific (Singapore)", "APS1-", 1.20m, ["ap-southeast-1a", "ap-southeast-1b"]),
    ];

    public static readonly DemoRegion[] AzureRegions =
    [
        new("eastus", "East US", "", 1.00m, []),
        new("eastus2", "East US 2", "", 1.00m, []),
        new("westus2", "West US 2", "", 1.00m, []),
        new("westeurope", "West Europe", "", 1.10m, []),
        new("northeurope", "North Europe", "", 1.05m, []),
        new("germanywestcentral", "Germany West Central", "", 1.12m, []),
    ];

    public static readonly DemoRegion[] GoogleRegions =
    [
        new("us-central1", "Iowa", "", 1.00m, ["us-central1-a", "us-central1-b", "us-central1-c"]),
        new("us-east1", "South Carolina", "", 1.00m, ["us-east1-b", "us-east1-c"]),
        new("europe-west1", "Belgium", "", 1.10m, ["europe-west1-b", "europe-west1-c"]),
        new("europe-west4", "Netherlands", "", 1.10m, ["europe-west4-a", "europe-west4-b"]),
        new("asia-northeast1", "Tokyo", "", 1.28m, ["asia-northeast1-a", "asia-northeast1-b"]),
    ];

    public static readonly DemoRegion Global = new("global", "Global", "", 1.00m, []);

    private static readonly InstanceSize[] Ec2Sizes =
    [
        new("t3.medium", 0.0416m, 2, 4), new("t3.large", 0.0832m, 2, 8), new("m5.large", 0.096m, 2, 8),
        new("m5.xlarge", 0.192m, 4, 16), new("m5.2xlarge", 0.384m, 8, 32), new("c5.xlarge", 0.17m, 4, 8),
        new("c5.2xlarge", 0.34m, 8, 16), new("r5.xlarge", 0.252m, 4, 32), new("r5.2xlarge", 0.504m, 8, 64),
        new("m6i.4xlarge", 0.768m, 16, 64),
    ];

    private static readonly InstanceSize[] RdsSizes =
    [
        new("db.t4g.medium", 0.065m, 2, 4), new("db.m6g.large", 0.152m, 2, 8), new("db.r6g.large", 0.225m, 2, 16),
        new("db.r6g.xlarge", 0.45m, 4, 32), new("db.m6g.2xlarge", 0.608m, 8, 32),
    ];

    private static readonly InstanceSize[] AzureVmSizes =
    [
        new("B2ms", 0.0832m, 2, 8), new("D2s v5", 0.096m, 2, 8), new("D4s v5", 0.192m, 4, 16), new("D8s v5", 0.384m, 8, 32),
        new("E4s v5", 0.252m, 4, 32), new("E8s v5", 0.504m, 8, 64), new("F4s v2", 0.169m, 4, 8),
    ];

    private static readonly InstanceSize[] GoogleVmSizes =
    [
        new("e2-standard-2", 0.067m, 2, 8), new("e2-standard-4", 0.134m, 4, 16), new("n2-standard-2", 0.0971m, 2, 8),
        new("n2-standard-4", 0.1942m, 4, 16), new("n2-standard-8", 0.3885m, 8, 32), new("n2-highmem-4", 0.262m, 4, 32),
        new("c3-standard-8", 0.3349m, 8, 32),
    ];

    private static MeterSpec Hours(string key, string meterName, string description, decimal price = 0, string operation = "") =>
        new(key, meterName, description, "Hours", "Hours", price, MeterKind.Hours, Operation: operation);

    private static MeterSpec Stored(string key, string meterName, string description, string unit, decimal price, double minGb, double maxGb) =>
        new(key, meterName, description, unit, unit, price, MeterKind.Storage, minGb, maxGb);

    private static MeterSpec Used(string key, string meterName, string description, string unit, decimal price, double min, double max, string operation = "") =>
        new(key, meterName, description, unit, unit, price, MeterKind.Usage, min, max, operation);

    public static readonly ServiceSpec[] Services =
    [
        // ---------------- AWS ----------------
        new(DemoProvider.Aws, "Amazon Elastic Compute Cloud", "Compute", "Virtual Machines", "Instance",
            "i-0{hex}", "app", "AmazonEC2", 7,
            [Hours("BoxUsage", "On Demand Linux", "{price} per On Demand Linux {size} Instance Hour", operation: "RunInstances")],
            Ec2Sizes, UtilizationMetrics.Cpu | UtilizationMetrics.Memory, Zonal: true),
        new(DemoProvider.Aws, "Amazon Elastic Compute Cloud", "Storage", "Block Storage", "Volume",
            "vol-0{hex}", "vol", "AmazonEC2", 6,
            [Stored("EBS:VolumeUsage.gp3", "General Purpose SSD (gp3)", "{price} per GB-month of General Purpose SSD (gp3) provisioned storage - {region}", "GB-Mo", 0.08m, 50, 2000)],
            Utilization: UtilizationMetrics.Storage, Zonal: true),
        new(DemoProvider.Aws, "Amazon Simple Storage Service", "Storage", "Object Storage", "Bucket",
            "arn:aws:s3:::{name}", "assets", "AmazonS3", 3,
            [
                Stored("TimedStorage-ByteHrs", "Standard Storage", "{price} per GB - first 50 TB / month of storage used", "GB-Mo", 0.023m, 500, 120000),
                Used("Requests-Tier1", "PUT/COPY/POST/LIST requests", "{price} per 1,000 PUT, COPY, POST, or LIST requests", "Requests", 0.000005m, 200000, 6000000, "PutObject"),
            ]),
        new(DemoProvider.Aws, "Amazon Relational Database Service", "Databases", "Relational Databases", "DB Instance",
            "arn:aws:rds:{region}:{account}:db:{name}", "db", "AmazonRDS", 2,
            [
                Hours("InstanceUsage", "Database Instance", "{price} per RDS {size} Single-AZ instance hour (or partial hour) running PostgreSQL", operation: "CreateDBInstance:0014"),
                Stored("RDS:GP3-Storage", "Database Storage", "{price} per GB-month of provisioned gp3 storage running PostgreSQL", "GB-Mo", 0.115m, 100, 3000),
            ],
            RdsSizes, UtilizationMetrics.Cpu | UtilizationMetrics.Memory | UtilizationMetrics.Storage, Zonal: true),
        new(DemoProvider.Aws, "AWS Lambda", "Compute", "Serverless Compute", "Function",
            "arn:aws:lambda:{region}:{account}:function:{name}", "fn", "AWSLambda", 3,
            [
                Used("Request", "Requests", "AWS Lambda - Total Requests - {region}", "Requests", 0.0000002m, 1000000, 60000000, "Invoke"),
                Used("Lambda-GB-Second", "Duration", "AWS Lambda - Total Compute - {region}", "Lambda-GB-Second", 0.0000166667m, 600000, 12000000, "Invoke"),
            ]),
        new(DemoProvider.Aws, "Amazon CloudFront", "Networking", "Content Delivery", "Distribution",
            "arn:aws:cloudfront::{account}:distribution/E{upper}", "cdn", "AmazonCloudFront", 1,
            [
                Used("DataTransfer-Out-Bytes", "Data Transfer Out", "{price} per GB - first 10 TB / month data transfer out (North America)", "GB", 0.085m, 400, 4000, "GET"),
                Used("Requests-Tier2-HTTPS", "HTTPS Requests", "{price} per 10,000 HTTPS requests", "Requests", 0.000001m, 5000000, 120000000, "GET"),
            ], Global: true),
        new(DemoProvider.Aws, "Amazon DynamoDB", "Databases", "NoSQL Databases", "Table",
            "arn:aws:dynamodb:{region}:{account}:table/{name}", "table", "AmazonDynamoDB", 2,
            [
                Used("WriteRequestUnits", "On-Demand Write Request Units", "{price} per write request unit", "WriteRequestUnits", 0.00000125m, 5000000, 120000000, "PayPerRequestThroughput"),
                Used("ReadRequestUnits", "On-Demand Read Request Units", "{price} per read request unit", "ReadRequestUnits", 0.00000025m, 20000000, 500000000, "PayPerRequestThroughput"),
                Stored("TimedStorage-ByteHrs", "Table Storage", "{price} per GB-Month of storage used beyond first 25 free GB-Months", "GB-Mo", 0.25m, 20, 1500),
            ]),
        new(DemoProvider.Aws, "Amazon CloudWatch", "Management and Governance", "Observability", "Log Group",
            "arn:aws:logs:{region}:{account}:log-group:/aws/{name}", "logs", "AmazonCloudWatch", 2,
            [
                Used("DataProcessing-Bytes", "Logs Ingestion", "{price} per GB custom log data ingested - {region}", "GB", 0.50m, 20, 400, "PutLogEvents"),
                Stored("TimedStorage-ByteHrs", "Logs Storage", "{price} per GB-mo of log storage - {region}", "GB-Mo", 0.03m, 200, 20000),
            ]),
        new(DemoProvider.Aws, "Elastic Load Balancing", "Networking", "Load Balancing", "Load Balancer",
            "arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/{hex}", "alb", "AWSELB", 1.5,
            [
                Hours("LoadBalancerUsage", "Application Load Balancer", "{price} per Application LoadBalancer-hour (or partial hour)", 0.0225m, "LoadBalancing:Application"),
                Used("LCUUsage", "LCU-Hours", "{price} per used Application load balancer capacity unit-hour (or partial hour)", "LCU-Hrs", 0.008m, 40, 1500, "LoadBalancing:Application"),
            ]),
        new(DemoProvider.Aws, "Amazon Virtual Private Cloud", "Networking", "Network Infrastructure", "NAT Gateway",
            "arn:aws:ec2:{region}:{account}:natgateway/nat-0{hex}", "nat", "AmazonVPC", 1,
            [
                Hours("NatGateway-Hours", "NAT Gateway Hours", "{price} per NAT Gateway Hour", 0.045m, "NatGateway"),
                Used("NatGateway-Bytes", "NAT Gateway Data Processed", "{price} per GB Data Processed by NAT Gateways", "GB", 0.045m, 100, 2500, "NatGateway"),
            ]),
        new(DemoProvider.Aws, "Amazon SageMaker", "AI and Machine Learning", "Machine Learning", "Endpoint",
            "arn:aws:sagemaker:{region}:{account}:endpoint/{name}", "endpoint", "AmazonSageMaker", 1,
            [Hours("Host:ml", "Real-Time Inference", "{price} per Hosting {size} hour", operation: "RunInstance")],
            [new("ml.m5.xlarge", 0.23m, 4, 16), new("ml.g5.xlarge", 1.408m, 4, 16), new("ml.g5.2xlarge", 1.515m, 8, 32)],
            UtilizationMetrics.Cpu | UtilizationMetrics.Memory),
        new(DemoProvider.Aws, "Amazon Redshift", "Analytics", "Data Warehouses", "Cluster",
            "arn:aws:redshift:{region}:{account}:cluster:{name}", "dw", "AmazonRedshift", 1,
            [Hours("Node", "Redshift Node", "{price} per {size} node-hour (or partial hour)", operation: "RunComputeNode:0001")],
            [new("dc2.large", 0.25m, 2, 15), new("ra3.xlplus", 1.086m, 4, 32), new("ra3.4xlarge", 3.26m, 12, 96)],
            UtilizationMetrics.Cpu | UtilizationMetrics.Storage),
        new(DemoProvider.Aws, "AWS Key Management Service", "Security", "Secret Management", "Key",
            "arn:aws:kms:{region}:{account}:key/{guid}", "key", "awskms", 1,
            [Used("KMS-Requests", "API Requests", "{price} per 10,000 requests - {region}", "Requests", 0.000003m, 200000, 8000000, "Decrypt")]),
        new(DemoProvider.Aws, "Amazon Simple Queue Service", "Integration", "Messaging", "Queue",
            "arn:aws:sqs:{region}:{account}:{name}", "queue", "AWSQueueService", 2,
            [Used("Requests-Tier1", "Standard Requests", "{price} per million Amazon SQS standard requests in Tier1 in {region}", "Requests", 0.0000004m, 2000000, 150000000, "SendMessage")]),
        new(DemoProvider.Aws, "Amazon Route 53", "Networking", "Domain Name System", "Hosted Zone",
            "arn:aws:route53:::hostedzone/Z0{upper}", "zone", "AmazonRoute53", 1,
            [Used("DNS-Queries", "Standard Queries", "{price} per million queries for the first 1 Billion queries", "Queries", 0.0000004m, 2000000, 60000000, "Query")],
            Global: true),
        new(DemoProvider.Aws, "Amazon Elastic Kubernetes Service", "Compute", "Containers", "Cluster",
            "arn:aws:eks:{region}:{account}:cluster/{name}", "eks", "AmazonEKS", 1,
            [Hours("AmazonEKS-Hours:perCluster", "Cluster Hours", "{price} per hour per EKS cluster", 0.10m, "CreateOperation")]),

        // ---------------- Microsoft Azure ----------------
        new(DemoProvider.Azure, "Virtual Machines", "Compute", "Virtual Machines", "Virtual machine",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{name}", "vm", "Virtual Machines", 7,
            [Hours("vm", "Dv5/Ev5 Series", "{size} - {region}")],
            AzureVmSizes, UtilizationMetrics.Cpu | UtilizationMetrics.Memory),
        new(DemoProvider.Azure, "Azure SQL Database", "Databases", "Relational Databases", "SQL database",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Sql/servers/{name}-srv/databases/{name}", "sqldb", "SQL Database", 2,
            [
                Hours("vcore", "General Purpose - Compute Gen5", "SQL Database Single General Purpose - Compute Gen5 {size}"),
                Stored("storage", "General Purpose Data Stored", "SQL Database Single/Elastic Pool General Purpose - Storage", "GB/Month", 0.115m, 50, 1500),
            ],
            [new("2 vCore", 0.5044m, 2, 10), new("4 vCore", 1.0088m, 4, 20), new("8 vCore", 2.0176m, 8, 41)],
            UtilizationMetrics.Cpu | UtilizationMetrics.Storage),
        new(DemoProvider.Azure, "Storage", "Storage", "Object Storage", "Storage account",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{compact}", "st", "Storage", 3,
            [
                Stored("hot-lrs", "Hot LRS Data Stored", "Blob Storage Hot LRS Data Stored", "GB/Month", 0.0184m, 500, 90000),
                Used("write-ops", "Hot LRS Write Operations", "Blob Storage Hot LRS Write Operations", "10K", 0.065m, 50, 4000),
            ]),
        new(DemoProvider.Azure, "Azure Kubernetes Service", "Compute", "Containers", "Kubernetes service",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}", "aks", "Azure Kubernetes Service", 1,
            [Hours("uptime-sla", "Standard Uptime SLA", "Azure Kubernetes Service Standard Uptime SLA", 0.10m)]),
        new(DemoProvider.Azure, "Azure App Service", "Web", "Application Platforms", "App Service plan",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Web/serverfarms/{name}", "plan", "Azure App Service", 2,
            [Hours("plan", "Premium v3 Plan", "Azure App Service Premium v3 Plan - {size}")],
            [new("P1v3", 0.223m, 2, 8), new("P2v3", 0.446m, 4, 16), new("S1", 0.10m, 1, 2)],
            UtilizationMetrics.Cpu | UtilizationMetrics.Memory),
        new(DemoProvider.Azure, "Azure Cosmos DB", "Databases", "NoSQL Databases", "Azure Cosmos DB account",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.DocumentDB/databaseAccounts/{name}", "cosmos", "Azure Cosmos DB", 1,
            [
                Used("serverless-ru", "Serverless Request Units", "Azure Cosmos DB Serverless - 1M RUs", "1M RUs", 0.25m, 150, 1800),
                Stored("data-stored", "Data Stored", "Azure Cosmos DB - Data Stored", "GB/Month", 0.25m, 50, 2000),
            ]),
        new(DemoProvider.Azure, "Azure Monitor", "Management and Governance", "Observability", "Log Analytics workspace",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.OperationalInsights/workspaces/{name}", "law", "Log Analytics", 1,
            [Used("analytics-logs", "Analytics Logs Data Ingestion", "Log Analytics - Pay-as-you-go Data Ingestion", "GB", 2.30m, 15, 110)]),
        new(DemoProvider.Azure, "Bandwidth", "Networking", "Network Infrastructure", "Virtual machine",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Network/publicIPAddresses/{name}-pip", "egress", "Bandwidth", 1,
            [Used("data-transfer-out", "Standard Data Transfer Out", "Bandwidth - Rtn Preference: MGN - Data Transfer Out", "GB", 0.087m, 300, 2500)]),
        new(DemoProvider.Azure, "Azure OpenAI", "AI and Machine Learning", "Generative AI", "Azure OpenAI",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.CognitiveServices/accounts/{name}", "aoai", "Cognitive Services", 1,
            [
                Used("gpt-4o-input", "gpt-4o Input Tokens", "Azure OpenAI gpt-4o-0806 Inp regnl Tokens", "1K Tokens", 0.0025m, 20000, 160000),
                Used("gpt-4o-output", "gpt-4o Output Tokens", "Azure OpenAI gpt-4o-0806 Outp regnl Tokens", "1K Tokens", 0.01m, 2000, 16000),
            ]),
        new(DemoProvider.Azure, "Azure Functions", "Compute", "Serverless Compute", "Function App",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.Web/sites/{name}", "func", "Functions", 2,
            [
                Used("execution-time", "Standard Execution Time", "Functions - Standard Execution Time", "GB Seconds", 0.000016m, 800000, 9000000),
                Used("executions", "Standard Total Executions", "Functions - Standard Total Executions", "10 Executions", 0.000002m, 200000, 8000000),
            ]),
        new(DemoProvider.Azure, "Key Vault", "Security", "Secret Management", "Key vault",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.KeyVault/vaults/{name}", "kv", "Key Vault", 1,
            [Used("operations", "Standard Operations", "Key Vault - Standard Operations", "10K", 0.03m, 30, 900)]),
        new(DemoProvider.Azure, "Azure Data Factory", "Integration", "Data Integration", "Data factory",
            "/subscriptions/{account}/resourceGroups/{rg}/providers/Microsoft.DataFactory/factories/{name}", "adf", "Azure Data Factory v2", 1,
            [
                Used("data-movement", "Cloud Data Movement", "Azure Data Factory v2 - Cloud Data Movement", "DIU-Hours", 0.25m, 60, 700),
                Used("orchestration", "Cloud Orchestration Activity Run", "Azure Data Factory v2 - Cloud Orchestration Activity Run", "1K Runs", 1.00m, 2, 30),
            ]),

        // ---------------- Google Cloud ----------------
        new(DemoProvider.Google, "Compute Engine", "Compute", "Virtual Machines", "Instance",
            "//compute.googleapis.com/projects/{project}/zones/{zone}/instances/{name}", "vm", "6F81-5844-456A", 7,
            [Hours("instance", "Instance Core and RAM", "{size} Instance running in {region}")],
            GoogleVmSizes, UtilizationMetrics.Cpu | UtilizationMetrics.Memory, Zonal: true),
        new(DemoProvider.Google, "BigQuery", "Analytics", "Data Warehouses", "Dataset",
            "//bigquery.googleapis.com/projects/{project}/datasets/{compact}", "ds", "24E6-581D-38E5", 2,
            [
                Used("analysis", "Analysis", "Analysis (on-demand) in {region}", "TiB", 6.25m, 6, 55),
                Stored("active-storage", "Active Logical Storage", "Active Logical Storage in {region}", "GiB-Mo", 0.02m, 5000, 150000),
            ]),
        new(DemoProvider.Google, "Cloud Storage", "Storage", "Object Storage", "Bucket",
            "//storage.googleapis.com/projects/_/buckets/{name}", "bucket", "95FF-2EF5-5EA1", 3,
            [
                Stored("standard-storage", "Standard Storage", "Standard Storage {region}", "GiB-Mo", 0.020m, 500, 100000),
                Used("class-a", "Class A Operations", "Standard Storage Class A Operations", "Operations", 0.000005m, 300000, 9000000),
            ]),
        new(DemoProvider.Google, "Cloud SQL", "Databases", "Relational Databases", "Cloud SQL instance",
            "//cloudsql.googleapis.com/projects/{project}/instances/{name}", "sql", "9662-B51E-5089", 2,
            [
                Hours("db-custom", "Cloud SQL for PostgreSQL: Zonal - vCPU and RAM", "Cloud SQL for PostgreSQL: Zonal - {size} in {region}"),
                Stored("ssd-storage", "Cloud SQL SSD storage", "Cloud SQL for PostgreSQL: Zonal - Standard storage in {region}", "GiB-Mo", 0.17m, 50, 1500),
            ],
            [new("db-custom-2-8", 0.1386m, 2, 8), new("db-custom-4-16", 0.2772m, 4, 16), new("db-custom-8-32", 0.5544m, 8, 32)],
            UtilizationMetrics.Cpu | UtilizationMetrics.Memory | UtilizationMetrics.Storage),
        new(DemoProvider.Google, "Kubernetes Engine", "Compute", "Containers", "Cluster",
            "//container.googleapis.com/projects/{project}/locations/{region}/clusters/{name}", "gke", "CCD8-9BF1-090E", 1,
            [Hours("cluster-management", "Regional Kubernetes Clusters", "Regional Kubernetes Clusters", 0.10m)]),
        new(DemoProvider.Google, "Cloud Run", "Compute", "Serverless Compute", "Service",
            "//run.googleapis.com/projects/{project}/locations/{region}/services/{name}", "run", "152E-C115-5142", 2.5,
            [
                Used("cpu-allocation", "CPU Allocation Time", "CPU Allocation Time (tier 1)", "vCPU-Seconds", 0.000024m, 400000, 7000000),
                Used("memory-allocation", "Memory Allocation Time", "Memory Allocation Time (tier 1)", "GiB-Seconds", 0.0000025m, 800000, 14000000),
            ]),
        new(DemoProvider.Google, "Vertex AI", "AI and Machine Learning", "Generative AI", "Endpoint",
            "//aiplatform.googleapis.com/projects/{project}/locations/{region}/endpoints/{digits}", "gemini", "C7E2-9256-1C43", 1,
            [
                Used("gemini-input", "Gemini 1.5 Pro Input Characters", "Gemini 1.5 Pro Text Input - Predictions", "1K Characters", 0.00125m, 25000, 240000),
                Used("gemini-output", "Gemini 1.5 Pro Output Characters", "Gemini 1.5 Pro Text Output - Predictions", "1K Characters", 0.00375m, 4000, 40000),
            ]),
        new(DemoProvider.Google, "Cloud Logging", "Management and Governance", "Observability", "Log bucket",
            "//logging.googleapis.com/projects/{project}/locations/global/buckets/{name}", "logs", "5490-F7B7-8DF6", 1,
            [Used("log-volume", "Log Volume", "Log Volume", "GiB", 0.50m, 40, 450)]),
        new(DemoProvider.Google, "Cloud Pub/Sub", "Integration", "Messaging", "Topic",
            "//pubsub.googleapis.com/projects/{project}/topics/{name}", "topic", "A1E8-BE35-7EBC", 1.5,
            [Used("message-delivery", "Message Delivery Basic", "Message Delivery Basic", "TiB", 40m, 0.3, 4)]),
        new(DemoProvider.Google, "Cloud CDN", "Networking", "Content Delivery", "Backend bucket",
            "//compute.googleapis.com/projects/{project}/global/backendBuckets/{name}", "cdn", "E505-1604-58F8", 1,
            [Used("cache-egress", "Cache Data Transfer Out", "Networking Cloud CDN Traffic Cache Data Transfer Out to North America", "GiB", 0.08m, 300, 2800)],
            Global: true),
    ];

    public static readonly string[] AwsExtensionColumns = ["x_ServiceCode", "x_UsageType", "x_Operation"];
    public static readonly string[] AzureExtensionColumns = ["x_ResourceGroupName", "x_SkuMeterCategory", "x_SkuMeterName"];
    public static readonly string[] GoogleExtensionColumns = ["x_ServiceId", "x_SkuDescription"];

    public static string[] ExtensionColumns(DemoProvider provider) => provider switch
    {
        DemoProvider.Aws => AwsExtensionColumns,
        DemoProvider.Azure => AzureExtensionColumns,
        _ => GoogleExtensionColumns,
    };

    /// <summary>Team tag, the applications it runs and its cost centre.</summary>
    public static readonly (string Team, string[] Apps, string CostCenter)[] Teams =
    [
        ("payments", ["checkout-api", "payment-gateway", "fraud-scoring"], "CC-1010"),
        ("storefront", ["web-shop", "catalog-service", "search-ui"], "CC-1020"),
        ("data-platform", ["lakehouse", "etl-pipelines", "reporting"], "CC-1030"),
        ("ml", ["recommender", "demand-forecast", "genai-assistant"], "CC-1040"),
        ("platform", ["shared-k8s", "observability", "ci-runners"], "CC-1050"),
        ("identity", ["sso", "user-directory"], "CC-1060"),
        ("search", ["search-api", "indexer"], "CC-1070"),
    ];
}
