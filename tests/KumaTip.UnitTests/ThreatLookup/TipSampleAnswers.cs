namespace KumaTip.UnitTests.ThreatLookup;

/// <summary>Hand-written answers with every field TIP-API.md lists for each lookup type.</summary>
internal static class TipSampleAnswers
{
    public const string Hash = """
        {
          "Zone": "Red",
          "LicenseInfo": { "AccessType": "Commercial", "DayRequests": 17, "DayQuota": 2000, "TokenExpirationDate": null },
          "RelatedObjects": { "HasRedZone": true },
          "FileGeneralInfo": {
            "Md5": "44D88612FEA8A8F36DE82E1278ABB02F",
            "Sha1": "3395856ce81f2b7382dee72602f798b642f14140",
            "Sha256": "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
            "FirstSeen": "2012-02-04T13:52:00Z",
            "LastSeen": "2024-05-17T08:01:12.345Z",
            "Signer": "",
            "SignerZone": "Grey",
            "SignerStatus": "NotSigned",
            "Packer": "",
            "Size": 68,
            "Type": "COM",
            "HitsCount": 100000,
            "FileStatus": "Malware",
            "Categories": ["CATEGORY_MALWARE"],
            "HasApt": false,
            "RelatedAptReports": []
          },
          "DetectionsInfo": [
            {
              "LastDetectDate": "2024-05-17T00:00:00Z",
              "DescriptionUrl": "https://threats.kaspersky.com/en/threat/EICAR-Test-File/",
              "Zone": "Red",
              "DetectionName": "EICAR-Test-File",
              "DetectionMethod": "SignatureDetect"
            }
          ],
          "FileDownloadedFromUrls": [
            { "Url": "secure.eicar.org/eicar.com", "Domain": "eicar.org", "Zone": "Yellow", "LastDownloadDate": "2024-04-30T10:00:00Z" }
          ],
          "FileAccessedUrls": [ { "Url": "example.net/beacon", "Domain": "example.net", "Zone": "Green" } ],
          "FileNames": [ { "FileName": "eicar.com", "FileNamesHitsCount": 5000 }, { "FileName": "eicar.txt", "FileNamesHitsCount": 1200 } ],
          "FilePaths": [ { "Path": "%temp%\\", "Location": "Temp", "FilePathHitsCount": 300 } ],
          "FileCertificates": [
            {
              "Vendor": "DigiCert", "Publisher": "Example Corp", "TimeStamp": "2020-01-01T00:00:00Z",
              "Issued": "2019-06-01T00:00:00Z", "Expires": "2022-06-01T00:00:00Z", "SerialNumber": "0A1B2C3D"
            }
          ],
          "FileParentCertificates": [ { "Vendor": "DigiCert Root" } ],
          "FileStartedObjects": [],
          "FileDownloadedBy": [ { "Md5": "00000000000000000000000000000001", "Zone": "Red" } ],
          "Industries": [ "Finance", "Government" ]
        }
        """;

    public const string Ip = """
        {
          "Zone": "Orange",
          "LicenseInfo": { "AccessType": "Trial", "DayRequests": 3, "DayQuota": 100, "TokenExpirationDate": "2026-01-31T23:59:59Z" },
          "RelatedObjects": { "HasRedZone": false },
          "IpGeneralInfo": {
            "Ip": "185.220.101.4",
            "Status": "known",
            "CountryCode": "DE",
            "FirstSeen": "2019-03-01T00:00:00Z",
            "HitsCount": 4321,
            "ThreatScore": 62,
            "Categories": ["CATEGORY_BOTNET_CNC", "CATEGORY_TOR"],
            "CategoriesWithZone": [ { "Name": "CATEGORY_BOTNET_CNC", "Zone": "Red" }, { "Name": "CATEGORY_TOR", "Zone": "Orange" } ],
            "HasApt": true,
            "RelatedAptReports": [ { "Title": "Lazarus targets ...", "Id": "a1b2c3" } ]
          },
          "IpWhoIs": {
            "Net": {
              "StartIp": "185.220.101.0", "EndIp": "185.220.101.255",
              "Created": "2017-06-08T00:00:00Z", "Changed": "2021-01-01T00:00:00Z",
              "Name": "TOR-EXIT", "Description": "Tor exit nodes"
            },
            "Asn": [ { "Origin": "AS60729", "Description": "ZWIEBELFREUNDE" } ],
            "Contacts": [
              {
                "Role": "abuse", "Address": "Berlin, Germany", "Email": "abuse@example.org", "Fax": "",
                "Name": "Abuse Desk", "OrganizationId": "ORG-ZE1-RIPE", "Phone": "+49 30 0000000"
              }
            ]
          },
          "IpDnsResolutions": [ { "Domain": "tor-exit.example.org", "Categories": ["CATEGORY_TOR"] } ],
          "FilesDownloadedFromIp": [ { "Md5": "44d88612fea8a8f36de82e1278abb02f", "Zone": "Red" } ],
          "HostedUrls": [ { "Url": "185.220.101.4/login.php" } ],
          "Industries": []
        }
        """;

    public const string Domain = """
        {
          "Zone": "Red",
          "LicenseInfo": { "AccessType": "Commercial", "DayRequests": 18, "DayQuota": 2000, "TokenExpirationDate": null },
          "RelatedObjects": { "HasRedZone": true },
          "DomainGeneralInfo": {
            "Domain": "daywinners.com",
            "FilesCount": 12,
            "UrlsCount": 40,
            "HitsCount": 9000,
            "Ipv4Count": 3,
            "Categories": ["CATEGORY_MALWARE", "CATEGORY_PHISHING"],
            "CategoriesWithZone": [ { "Name": "CATEGORY_MALWARE", "Zone": "Red" }, { "Name": "CATEGORY_PHISHING", "Zone": "Red" } ],
            "HasApt": false,
            "RelatedAptReports": []
          },
          "DomainWhoIsInfo": {
            "DomainName": "daywinners.com",
            "Created": "2015-02-10T18:23:41Z",
            "Updated": "2023-02-11T08:00:00Z",
            "Expires": "2025-02-10T18:23:41Z",
            "NameServers": ["ns1.example-dns.com", "ns2.example-dns.com"],
            "DomainStatus": ["clientTransferProhibited"],
            "Registrar": { "Info": "NameCheap, Inc.", "IanaId": "1068", "Email": "abuse@namecheap.com" },
            "RegistrationOrganization": "Privacy service provided by Withheld for Privacy ehf",
            "Contacts": [
              {
                "ContactType": "registrant", "Name": "Redacted for Privacy", "Organization": "Privacy service",
                "Address": "Kalkofnsvegur 2", "City": "Reykjavik", "State": "Capital Region", "PostalCode": "101",
                "CountryCode": "IS", "Email": "contact@withheldforprivacy.com", "Phone": "+354.4212434", "Fax": ""
              }
            ]
          },
          "DomainDnsResolutions": [ { "Ip": "104.21.55.2", "Zone": "Grey" } ],
          "FilesDownloaded": [
            { "Md5": "0123456789abcdef0123456789abcdef", "Zone": "Red", "FirstSeen": "2023-01-01T00:00:00Z", "LastSeen": "2023-02-01T00:00:00Z", "Url": "dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe" }
          ],
          "FilesAccessed": [],
          "UrlReferrals": [ { "Url": "ads.example.com/r", "Zone": "Yellow" } ],
          "UrlReferredTo": [ { "Url": "dd.daywinners.com/d/", "Zone": "Red" } ],
          "Subdomains": [ { "Subdomain": "dd.daywinners.com", "Zone": "Red" } ],
          "Industries": []
        }
        """;

    public const string Url = """
        {
          "Zone": "Red",
          "LicenseInfo": { "AccessType": "Commercial", "DayRequests": 19, "DayQuota": 2000, "TokenExpirationDate": null },
          "UrlGeneralInfo": {
            "Url": "dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe",
            "Host": "dd.daywinners.com",
            "Ipv4Count": 2,
            "FilesCount": 1,
            "Categories": ["CATEGORY_MALWARE"],
            "CategoriesWithZone": [ { "Name": "CATEGORY_MALWARE", "Zone": "Red" } ],
            "HasApt": false,
            "RelatedAptReports": []
          },
          "UrlDomainWhoIs": {
            "DomainName": "daywinners.com",
            "Created": "2015-02-10T18:23:41Z",
            "Updated": "2023-02-11T08:00:00Z",
            "Expires": "2025-02-10T18:23:41Z",
            "NameServers": ["ns1.example-dns.com"],
            "DomainStatus": ["clientTransferProhibited", "clientUpdateProhibited"],
            "Registrar": { "Info": "NameCheap, Inc.", "IanaId": "1068", "Email": "abuse@namecheap.com" },
            "RegistrationOrganization": "Privacy service",
            "Contacts": []
          },
          "DomainDnsResolutions": [ { "Ip": "104.21.55.2", "Zone": "Grey" }, { "Ip": "172.67.1.1", "Zone": "Green" } ],
          "UrlReferrals": [],
          "UrlReferredTo": [],
          "FilesDownloaded": [ { "Md5": "0123456789abcdef0123456789abcdef", "Zone": "Red", "Url": "dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe" } ],
          "FilesAccessed": []
        }
        """;
}
