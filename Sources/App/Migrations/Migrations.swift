import Fluent
import Vapor

extension Application {
    func registerMigrations() {
        for migration in allMigrations() { migrations.add(migration) }
    }

    /// Every migration, in order. Append only: a released migration is never edited.
    func allMigrations() -> [any Migration] {
        var migrations: [any Migration] = []
        migrations.append(M001_CreateRegions())
        migrations.append(M002_LoadRegions(csvPath: directory.resourcesDirectory + "Data/regions.csv"))
        migrations.append(M003_CreateCompanies())
        migrations.append(M004_CreateUsers())
        migrations.append(M005_CreateAuditEntries())
        migrations.append(M006_CreateSessions())
        migrations.append(M007_CreatePasswordResetCodes())
        migrations.append(M008_CreateOutboxMessages())
        migrations.append(M009_CreateFeedback())
        migrations.append(M010_CreateFilings())
        migrations.append(M011_CreateFilingVersions())
        migrations.append(M012_CreateFilingEvents())
        migrations.append(M013_CreateAttachments())
        migrations.append(M014_CreateDictionary())
        migrations.append(M015_CreateStaff())
        migrations.append(M016_CreateImportReports())
        migrations.append(M017_CreateStaffSearchIndex())
        migrations.append(M018_CreateElevators())
        migrations.append(M019_CreateElevatorSearchIndex())
        migrations.append(M020_CreateArchive())
        migrations.append(M021_CreateArchiveSearchIndex())
        migrations.append(M022_CreateListOrderIndexes())
        migrations.append(M023_CreateMaintenanceRecords(itemsPath: directory.resourcesDirectory + "Data/maintenance-items.csv"))
        migrations.append(M024_CreateElevatorUpkeep())
        migrations.append(M025_CreatePublicLookups())
        migrations.append(M026_CreateMaintenanceIntervals())
        migrations.append(M027_CreateVisitMonths(defaultIntervalDays: config.supervision.halfMonthlyDays))
        migrations.append(M028_CoverSupervisionIndexes())
        migrations.append(M029_CreateExpiryReminders())
        migrations.append(M030_CreateRateLimits())
        migrations.append(M031_AddCompanyJurisdiction())
        migrations.append(M032_AddSecondFactor())
        migrations.append(M033_CreatePasswordHistory())
        migrations.append(M034_ChainAuditEntries())
        migrations.append(M035_CreateFilingCounts())
        migrations.append(M036_CopyFilingStatusToRegisters())
        migrations.append(M037_CreateSupervisionRuns())
        migrations.append(M038_CreateSiteVisits())
        migrations.append(M039_CreateElevatorLocations())
        migrations.append(M040_CreateRecordFlags())
        migrations.append(M041_CreateVisitPhotos())
        migrations.append(M042_CreateVisitConfirmations())
        migrations.append(M043_CoverVisitEvidence())
        return migrations
    }
}
