import Vapor

extension Application {
    /// Every migration, in order. Append only: a released migration is never edited.
    func registerMigrations() {
        migrations.add(M001_CreateRegions())
        migrations.add(M002_LoadRegions(csvPath: directory.resourcesDirectory + "Data/regions.csv"))
        migrations.add(M003_CreateCompanies())
        migrations.add(M004_CreateUsers())
        migrations.add(M005_CreateAuditEntries())
        migrations.add(M006_CreateSessions())
        migrations.add(M007_CreatePasswordResetCodes())
        migrations.add(M008_CreateOutboxMessages())
        migrations.add(M009_CreateFeedback())
        migrations.add(M010_CreateFilings())
        migrations.add(M011_CreateFilingVersions())
        migrations.add(M012_CreateFilingEvents())
        migrations.add(M013_CreateAttachments())
        migrations.add(M014_CreateDictionary())
        migrations.add(M015_CreateStaff())
        migrations.add(M016_CreateImportReports())
        migrations.add(M017_CreateStaffSearchIndex())
        migrations.add(M018_CreateElevators())
        migrations.add(M019_CreateElevatorSearchIndex())
        migrations.add(M020_CreateArchive())
        migrations.add(M021_CreateArchiveSearchIndex())
        migrations.add(M022_CreateListOrderIndexes())
        migrations.add(M023_CreateMaintenanceRecords(itemsPath: directory.resourcesDirectory + "Data/maintenance-items.csv"))
        migrations.add(M024_CreateElevatorUpkeep())
        migrations.add(M025_CreatePublicLookups())
        migrations.add(M026_CreateMaintenanceIntervals())
        migrations.add(M027_CreateVisitMonths(defaultIntervalDays: config.supervision.halfMonthlyDays))
        migrations.add(M028_CoverSupervisionIndexes())
        migrations.add(M029_CreateExpiryReminders())
    }
}
