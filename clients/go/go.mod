module boyodb.dev/clients/go/boyodb

go 1.19
