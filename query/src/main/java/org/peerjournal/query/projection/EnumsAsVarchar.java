package org.peerjournal.query.projection;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.VarcharJdbcType;

/**
 * Every {@code @Enumerated(EnumType.STRING)} column is a plain VARCHAR, on H2 as on PostgreSQL, as the migrations
 * create it. Hibernate 6 maps such an enum to the store's own ENUM type where the dialect has one (H2 does,
 * PostgreSQL's {@code hibernate.type.prefer_native_enum_types} is off), and schema validation would then refuse
 * the VARCHAR columns. Registering VARCHAR for that type here, once, spares every row class a
 * {@code META-INF/services} and applies it after the dialect's own types.
 */
public class EnumsAsVarchar implements TypeContributor {

    @Override
    public void contribute(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        typeContributions.getTypeConfiguration().getJdbcTypeRegistry()
                .addDescriptor(SqlTypes.ENUM, VarcharJdbcType.INSTANCE);
    }
}
